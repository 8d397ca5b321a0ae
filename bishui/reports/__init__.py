"""Documents and ledgers assembled from the warehouse: the meeting's Word briefing and agenda, the
eco-compensation ledger's amounts and wording. They read through the store and lay out with the
pure views; no streamlit."""
