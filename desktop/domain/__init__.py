"""Pure domain: field catalogue, code lists, CPR and quarter arithmetic. No Qt, no SQL."""
