"""Address books connected for two-way sync, on Relate's side: the books, each card as
last synced, the three-way merge of a card's fields, the conflicts it leaves for the
user. No network here: `relate.sync` talks to the servers."""
