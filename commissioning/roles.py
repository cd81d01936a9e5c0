"""The product's roles, held as auth groups. One place names them."""

COMMISSIONER = "Commissioner"
COUNCILLOR = "Councillor"
SCRUTINY_MEMBER = "Scrutiny member"
GATEWAY_PANEL = "Gateway panel"
ADMINISTRATOR = "Administrator"

ALL_ROLES = [COMMISSIONER, COUNCILLOR, SCRUTINY_MEMBER, GATEWAY_PANEL, ADMINISTRATOR]
