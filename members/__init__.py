"""Councillors, boards, meetings, approvals and meeting packs."""
