"""The commissioning programme gateway: forward plan, key-project criteria, challenge reviews."""
