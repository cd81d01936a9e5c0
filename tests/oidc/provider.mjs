// A real OpenID Connect provider (panva's oidc-provider) on loopback, for the single sign-on tests.
// Its people and their groups are read from ACCOUNTS_FILE at each sign-in, so a test can take someone out of
// a group between two sign-ins. The development login and consent pages accept any password.
import fs from "node:fs";
import Provider from "oidc-provider";

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const people = () => JSON.parse(fs.readFileSync(process.env.ACCOUNTS_FILE, "utf8"));

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: process.env.REDIRECT_URIS.split(","),
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  scopes: ["openid", "profile", "email", "groups"],
  claims: {
    openid: ["sub"],
    profile: ["name", "given_name", "family_name", "preferred_username"],
    email: ["email", "email_verified"],
    groups: ["groups"],
  },
  async findAccount(ctx, id) {
    // The login name typed on the development login page is the subject id.
    return {
      accountId: id,
      async claims() {
        const person = people()[id] || { groups: [] };
        return {
          sub: id,
          preferred_username: person.username || id,
          name: person.name || id,
          given_name: (person.name || id).split(" ")[0],
          family_name: (person.name || "").split(" ").slice(1).join(" "),
          email: person.email || `${id}@example.org`,
          email_verified: true,
          groups: person.groups,
        };
      },
    };
  },
  features: { devInteractions: { enabled: true } },
  // Consent is granted on the development consent page; no refresh tokens.
  cookies: { keys: ["test-only-cookie-key"] },
});
provider.listen(port, "127.0.0.1", () => console.log(`oidc-provider listening on ${issuer}`));
