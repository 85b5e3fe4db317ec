"""Relate's Qt desktop interface; it calls the core in `relate` and never touches SQL."""
