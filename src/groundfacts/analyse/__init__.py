"""Questions over events: who acts on whom."""
