"""The window's database session: backups and restores, read-only, the lock, the
start-up check, other programs' writes, idle upkeep."""
