"""Two-way sync with CardDAV address books; loaded only by the sync command and dialog."""
