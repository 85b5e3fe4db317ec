"""The other files of LinkedIn's data export: told apart from Connections.csv by their
column names, so that none of them is imported as people.

The columns are those of LinkedIn's "Get a copy of your data" archive as it has been
written over the years (e.g. messages.csv once had From/To/Direction, now
CONVERSATION ID/FROM/TO; Contacts.csv was once "Imported Contacts.csv").
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import PurePath

from relate.importers.csv_text import header_key


@dataclass(frozen=True, slots=True)
class LinkedInFile:
    """One file of the export: its names (the usual one first), what it holds in a
    user's words, and the column names (as `header_key` gives them) that mark it, any
    one set of them enough. `exact`: the file's header is that set and nothing more (for
    columns that other files could have too)."""

    names: tuple[str, ...]
    holds: str
    marks: tuple[frozenset[str], ...]
    exact: bool = False

    def matches(self, keys: Collection[str]) -> bool:
        found = set(keys) - {""}
        return any(found == mark if self.exact else mark <= found for mark in self.marks)


def _file(names: str, holds: str, *marks: str, exact: bool = False) -> LinkedInFile:
    """`names` and each of `marks` (columns as LinkedIn writes them) comma-separated."""
    sets = tuple(frozenset(header_key(column) for column in mark.split(",")) for mark in marks)
    return LinkedInFile(tuple(names.split(",")), holds, sets, exact)


LINKEDIN_FILES = (
    _file(
        "messages.csv,guide_messages.csv,learning_coach_messages.csv,"
        "learning_role_play_messages.csv",
        "your LinkedIn messages",
        "CONVERSATION ID,FROM,TO",
        "From,To,Subject,Content,Direction",
    ),
    _file(
        "Invitations.csv",
        "the invitations to connect you sent and received",
        "From,To,Sent At,Direction",
    ),
    _file(
        "Profile.csv",
        "your own LinkedIn profile",
        # Not the names alone: an address book can have a Maiden Name column too.
        "First Name,Last Name,Maiden Name,Headline",
        "First Name,Last Name,Birth Date,Headline,Summary",
    ),
    _file(
        "Imported Contacts.csv,Contacts.csv",
        "the address book you once uploaded to LinkedIn",
        "Companies,Created At",
        "Companies,CreatedAt",
        "FirstName,LastName,Companies",
    ),
    _file(
        "Positions.csv",
        "the positions on your own profile",
        "Company Name,Title,Started On",
    ),
    _file(
        "Education.csv",
        "the schools on your own profile",
        "School Name,Start Date",
        "School Name,Degree Name",
    ),
    _file("Languages.csv", "the languages on your own profile", "Name,Proficiency", exact=True),
    _file(
        "Certifications.csv",
        "the certifications on your own profile",
        "Name,Authority,Started On",
        "Name,Authority,License Number",
    ),
    _file("Projects.csv", "the projects on your own profile", "Title,Description,Url,Started On"),
    _file("Publications.csv", "the publications on your own profile", "Name,Published On"),
    _file("Honors.csv", "the honors on your own profile", "Title,Issued On"),
    _file("Volunteering.csv", "the volunteering on your own profile", "Company Name,Role,Cause"),
    _file(
        "Recommendations_Received.csv,Recommendations_Given.csv",
        "recommendations written on LinkedIn (given or received)",
        "First Name,Last Name,Text,Creation Date",
    ),
    _file(
        "Endorsement_Received_Info.csv",
        "the endorsements you received",
        "Endorser First Name,Skill Name",
    ),
    _file(
        "Endorsement_Given_Info.csv",
        "the endorsements you gave",
        "Endorsee First Name,Skill Name",
    ),
    _file("Email Addresses.csv", "your own e-mail addresses", "Email Address,Confirmed,Primary"),
    _file("PhoneNumbers.csv", "your own phone numbers", "Number,Extension,Type", exact=True),
    _file("Company Follows.csv", "the companies you follow", "Organization,Followed On"),
    _file("Member_Follows.csv", "the members you follow", "Date,FullName,Status", exact=True),
    _file("Shares.csv", "your posts", "ShareLink,ShareCommentary"),
    _file("Comments.csv", "your comments", "Date,Link,Message", exact=True),
    _file("Reactions.csv", "your reactions", "Date,Type,Link", exact=True),
    _file("Votes.csv", "your votes in polls", "Date,Link,OptionText"),
    _file("Rich_Media.csv,Rich Media.csv", "the media you uploaded", "Date/Time,Media Link"),
    _file(
        "Rich Media.csv,Rich_Media.csv",
        "where to download the media you uploaded",
        "Type,Link",
        exact=True,
    ),
    _file("Registration.csv", "when you joined LinkedIn", "Registered At,Registration Ip"),
    _file(
        "Ad_Targeting.csv",
        "what LinkedIn's advertisers know of you",
        "Member Age,Buyer Groups",
        "Member Age,Company Names",
    ),
    _file("Ads Clicked.csv", "the ads you clicked", "Ad clicked Date"),
    _file(
        "Inferences_about_you.csv",
        "what LinkedIn infers about you",
        "Type of inference,Inference",
    ),
    _file("Learning.csv", "your LinkedIn Learning courses", "Content Title,Content Type"),
    _file("Events.csv", "your LinkedIn events", "Event Name,Event Time"),
    _file("SearchQueries.csv", "your searches", "Time,Search Query"),
    _file("Logins.csv", "your sign-ins", "Login Date,IP Address"),
    _file("Job Applications.csv", "your job applications", "Application Date,Job Url"),
    _file("Saved Jobs.csv", "the jobs you saved", "Saved Date,Job Url"),
    _file(
        "SavedJobAlerts.csv",
        "your job alerts",
        "Saved Search Date,Jobs Search Url",
        "ALERT_PARAMETERS,SAVED_SEARCH_ID",
    ),
    _file(
        "Job Seeker Preferences.csv",
        "what jobs you are looking for",
        "Locations,Industries,Open To Recruiters",
    ),
    _file(
        "Job Applicant Saved Answers.csv,Job Applicant Saved Screening Question Responses.csv",
        "your answers to job applications' questions",
        "Question,Answer",
        exact=True,
    ),
    _file("Security Challenges.csv", "LinkedIn's security checks", "Challenge Date,Challenge Type"),
)

_SKILLS = _file("Skills.csv", "the skills on your own profile", "Name", exact=True)


def linkedin_file(headers: Collection[str], file_name: str) -> LinkedInFile | None:
    """Which of LinkedIn's other export files has these column names (as `header_key`
    gives them), or None. Skills.csv, whose one column is "Name", is told by its name
    too: a list of people can have that one column."""
    for known in LINKEDIN_FILES:
        if known.matches(headers):
            return known
    if _SKILLS.matches(headers) and PurePath(file_name).stem.casefold().startswith("skills"):
        return _SKILLS
    return None


def not_connections_message(file_name: str, known: LinkedInFile) -> str:
    """Why `file_name` (LinkedIn's `known` file) is not imported, and what is."""
    named = file_name.casefold() in {name.casefold() for name in known.names}
    which = "" if named else f" ({known.names[0]})"
    return (
        f"{file_name} is {known.holds}, from LinkedIn's data export{which}: not your "
        "connections. Import Connections.csv, from the same export, to add your connections."
    )
