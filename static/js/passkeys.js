// Passkey pages (django-allauth's WebAuthn scripts): when the browser's passkey dialog is cancelled, times out
// or finds no passkey, say so beside the button instead of only in the console.
document.addEventListener("allauth.error", (event) => {
  const box = document.querySelector("[data-passkey-error]");
  if (!box) return;
  event.preventDefault();
  const name = event.detail.exception && event.detail.exception.name;
  box.querySelector("[data-passkey-error-text]").textContent =
    name === "NotAllowedError"
      ? "The passkey was not used. Try again, or use another way."
      : name === "InvalidStateError"
        ? "This passkey is already added to your account."
        : "Your browser could not use a passkey here. Try again, or use another way.";
  box.hidden = false;
  box.setAttribute("role", "alert");
});
