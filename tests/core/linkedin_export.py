"""A fictional LinkedIn data export for the history readers' tests, written as the
archive has it (zip, unpacked folder, single files).

The headers and value shapes follow real exports as public sources describe them (a
research note on ~30 real exports from 2020 to 2026 found through code search, which
gives messages.csv's eras, FOLDER values INBOX/ARCHIVE/SPAM, the "Sponsored
Conversation" title, campaign InMail's "spinmail-quill-editor" content, and
Invitations.csv's inviterProfileUrl/inviteeProfileUrl columns added in late 2023;
and parsers that drop FROM "LinkedIn Member" / "LinkedIn Talent Solutions"). All
names and contents here are made up.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

IN = "https://www.linkedin.com/in/"

CONNECTIONS = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    f'Ines,Okafor,{IN}ines-okafor,,"Northwind, Inc.",Director,08 Feb 2026\n'
    f"Tomas,Reyes,{IN}tomasreyes,tomas@example.org,Contoso,Engineer,14 Nov 2019\n"
)

_MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n"
)
MESSAGES = _MESSAGES_HEADER + (
    f"2-aaa,,Ines Okafor,{IN}ines-okafor,Jordan Pike,{IN}jordanpike,"
    '2025-06-01 14:03:22 UTC,,"Thanks for the intro, free Thursday?",INBOX,,No,No\n'
    f"2-aaa,,Jordan Pike,{IN}jordanpike,Ines Okafor,{IN}ines-okafor,"
    "2025-06-01 14:05:00 UTC,,Yes!,INBOX,,No,No\n"
    f"2-aaa,,Jordan Pike,{IN}jordanpike,Ines Okafor,{IN}ines-okafor,"
    "2025-06-01 14:05:00 UTC,,See you then,INBOX,,No,No\n"
    # A group: TO joined with ", ", a name with its credentials, URLs joined with ",".
    f'2-bbb,Book club,Jordan Pike,{IN}jordanpike,"Jane Doe, Ph.D., Tomas Reyes",'
    f'"{IN}janedoe,{IN}tomasreyes",2025-07-02 09:00:00 UTC,Next book,Any ideas?,ARCHIVE,,No,No\n'
    "2-ccc,,LinkedIn Premium,,Jordan Pike,"
    f"{IN}jordanpike,2025-01-03 10:00:00 UTC,Try Premium,Free month,INBOX,,No,No\n"
    "2-ddd,Sponsored Conversation,Ada Recruiter,,Jordan Pike,"
    f"{IN}jordanpike,2024-05-01 08:00:00 UTC,,Hello,INBOX,,No,No\n"
    "2-eee,,Bob Campaign,,Jordan Pike,"
    f'{IN}jordanpike,2024-05-02 08:00:00 UTC,,"<p class=""spinmail-quill-editor__spin-break"">'
    'Hi %FIRSTNAME%</p>",INBOX,,No,No\n'
    f"2-fff,,LinkedIn Member,,Jordan Pike,{IN}jordanpike,2024-05-03 08:00:00 UTC,,Hi,INBOX,,No,No\n"
    f"2-ggg,,Spam Person,{IN}spammer,Jordan Pike,{IN}jordanpike,"
    "2024-05-04 08:00:00 UTC,,Buy now,SPAM,,No,No\n"
    f"2-hhh,,Jordan Pike,{IN}jordanpike,Ines Okafor,{IN}ines-okafor,"
    "2024-05-05 08:00:00 UTC,,Unsent,INBOX,,Yes,No\n"
    f"2-iii,,Tomas Reyes,{IN}tomasreyes,Jordan Pike,{IN}jordanpike,,,Undated,INBOX,,No,No\n"
)
# Before mid-2023: nine columns, no RECIPIENT PROFILE URLS.
MESSAGES_2022 = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
    f"2-old,,Tomas Reyes,{IN}tomasreyes,Jordan Pike,2022-03-04 05:06:07 UTC,,Hi,INBOX\n"
)
# Since 2026 every field is quoted, the header too, and CONTENT holds line breaks.
MESSAGES_2026 = (
    '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO",'
    '"RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"\n'
    f'"2-new","","Ines Okafor","{IN}ines-okafor","Jordan Pike","{IN}jordanpike",'
    '"2026-03-01 12:00:00 UTC","","Two\nlines","INBOX",""\n'
)
# The first shape, before 2020.
MESSAGES_OLDER = (
    "From,To,Date,Subject,Content,Direction,Folder\n"
    'Tomas Reyes,Jordan Pike,"10/16/18, 8:36 AM",Lunch?,Shall we?,INCOMING,INBOX\n'
    'Jordan Pike,Tomas Reyes,"10/16/18, 9:02 PM",RE: Lunch?,Sure,OUTGOING,INBOX\n'
    'LinkedIn,Jordan Pike,"10/17/18, 7:00 AM",Your week,Stats,INCOMING,INBOX\n'
)

INVITATIONS = (
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    f'Jordan Pike,Ines Okafor,"10/16/23, 8:36 AM","Met at the  meetup,\n great talk",OUTGOING,'
    f"{IN}jordanpike,{IN}ines-okafor\n"
    f'Tomas Reyes,Jordan Pike,"1/29/24, 2:37 PM",,INCOMING,{IN}tomasreyes,{IN}jordanpike\n'
)
INVITATIONS_OLDER = (
    "From,To,Sent At,Message,Direction\n"
    'Jordan Pike,Ines Okafor,"10/16/18, 8:36 AM",,OUTGOING\n'
    'Tomas Reyes,Jordan Pike,"3/2/19, 11:00 PM",Hello there,INCOMING\n'
)

PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
    "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
    'Jordan,Pike,,,,Builds things,"Long story, short",Software Development,,Oslo,,,\n'
)
SKILLS = "Name\nPython\nSQLite\nPython\n"
POSITIONS = (
    "Company Name,Title,Description,Location,Started On,Finished On\n"
    "Contoso,Staff Engineer,,Oslo,Jan 2024,\n"
    "Northwind,Engineer,,Bergen,Mar 2019,Dec 2023\n"
)
EMAIL_ADDRESSES = (
    "Email Address,Confirmed,Primary,Updated On\n"
    "jordan@old.example,Yes,No,1/2/19\n"
    "Jordan@Example.org,Yes,Yes,3/4/24\n"
)
SHARES = "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n2024-01-01,x,y,,,\n"
GUIDE_MESSAGES = _MESSAGES_HEADER

QUICK = {"Connections.csv": CONNECTIONS, "Profile.csv": PROFILE}
COMPLETE = {
    "Connections.csv": CONNECTIONS,
    "messages.csv": MESSAGES,
    "guide_messages.csv": GUIDE_MESSAGES,
    "Invitations.csv": INVITATIONS,
    "Profile.csv": PROFILE,
    "Skills.csv": SKILLS,
    "Positions.csv": POSITIONS,
    "Email Addresses.csv": EMAIL_ADDRESSES,
    "Shares.csv": SHARES,
    "Articles/Articles/a-post.html": "<html></html>",
    "Jobs/Saved Jobs.csv": "Saved Date,Job Url,Job Title,Company Name\n",
}


def write_zip(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def write_folder(path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    return path


def zeros_deflated(megabytes: int, start: bytes = b"") -> bytes:
    """A raw deflate stream of `start` then `megabytes` MB of zeros, made in
    milliseconds: after a full flush the same megabyte compresses to the same bytes."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(start) + compressor.flush(zlib.Z_FULL_FLUSH)
    megabyte = bytes(1 << 20)
    block = compressor.compress(megabyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    return head + block * megabytes + compressor.flush()


def write_raw_zip(path: Path, name: str, deflated: bytes, claimed_size: int, crc: int = 0) -> Path:
    """A zip of one deflated member whose headers claim `claimed_size` bytes inflated,
    whatever the stream really inflates to (a zip bomb's lie)."""
    encoded = name.encode()
    sizes = struct.pack("<III", crc, len(deflated), claimed_size)
    local = struct.pack("<IHHHHH", 0x04034B50, 20, 0, 8, 0, 0x21) + sizes
    local += struct.pack("<HH", len(encoded), 0) + encoded
    central = struct.pack("<IHHHHHH", 0x02014B50, 20, 20, 0, 8, 0, 0x21) + sizes
    central += struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, 0) + encoded
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(deflated), 0
    )
    path.write_bytes(local + deflated + central + end)
    return path
