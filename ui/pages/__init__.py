"""The pages beside the contact list: Today, Network health, the welcome page."""
