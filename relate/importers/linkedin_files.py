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
    """`names` and each of `marks` are written comma-separated."""
    sets = tuple(frozenset(part.strip() for part in mark.split(",")) for mark in marks)
    return LinkedInFile(tuple(names.split(",")), holds, sets, exact)


LINKEDIN_FILES = (
    _file(
        "messages.csv,guide_messages.csv,learning_coach_messages.csv,"
        "learning_role_play_messages.csv",
        "your LinkedIn messages",
        "conversation id,from,to",
        "from,to,subject,content,direction",
    ),
    _file(
        "Invitations.csv",
        "the invitations to connect you sent and received",
        "from,to,sent at,direction",
    ),
    _file(
        "Profile.csv",
        "your own LinkedIn profile",
        "first name,last name,maiden name",
        "first name,last name,birth date,headline,summary",
    ),
    _file(
        "Imported Contacts.csv,Contacts.csv",
        "the address book you once uploaded to LinkedIn",
        "companies,created at",
        "companies,createdat",
        "firstname,lastname,companies",
    ),
    _file(
        "Positions.csv",
        "the positions on your own profile",
        "company name,title,started on",
    ),
    _file(
        "Education.csv",
        "the schools on your own profile",
        "school name,start date",
        "school name,degree name",
    ),
    _file("Languages.csv", "the languages on your own profile", "name,proficiency", exact=True),
    _file(
        "Certifications.csv",
        "the certifications on your own profile",
        "name,authority,started on",
        "name,authority,license number",
    ),
    _file("Projects.csv", "the projects on your own profile", "title,description,url,started on"),
    _file("Publications.csv", "the publications on your own profile", "name,published on"),
    _file("Honors.csv", "the honors on your own profile", "title,issued on"),
    _file("Volunteering.csv", "the volunteering on your own profile", "company name,role,cause"),
    _file(
        "Recommendations_Received.csv,Recommendations_Given.csv",
        "recommendations written on LinkedIn (given or received)",
        "first name,last name,text,creation date",
    ),
    _file(
        "Endorsement_Received_Info.csv",
        "the endorsements you received",
        "endorser first name,skill name",
    ),
    _file(
        "Endorsement_Given_Info.csv",
        "the endorsements you gave",
        "endorsee first name,skill name",
    ),
    _file("Email Addresses.csv", "your own e-mail addresses", "email address,confirmed,primary"),
    _file("PhoneNumbers.csv", "your own phone numbers", "number,extension,type", exact=True),
    _file("Company Follows.csv", "the companies you follow", "organization,followed on"),
    _file("Member_Follows.csv", "the members you follow", "date,fullname,status", exact=True),
    _file("Shares.csv", "your posts", "sharelink,sharecommentary"),
    _file("Comments.csv", "your comments", "date,link,message", exact=True),
    _file("Reactions.csv", "your reactions", "date,type,link", exact=True),
    _file("Votes.csv", "your votes in polls", "date,link,optiontext"),
    _file("Rich_Media.csv,Rich Media.csv", "the media you uploaded", "date/time,media link"),
    _file(
        "Rich Media.csv,Rich_Media.csv",
        "where to download the media you uploaded",
        "type,link",
        exact=True,
    ),
    _file("Registration.csv", "when you joined LinkedIn", "registered at,registration ip"),
    _file(
        "Ad_Targeting.csv",
        "what LinkedIn's advertisers know of you",
        "member age,buyer groups",
        "member age,company names",
    ),
    _file("Ads Clicked.csv", "the ads you clicked", "ad clicked date"),
    _file(
        "Inferences_about_you.csv",
        "what LinkedIn infers about you",
        "type of inference,inference",
    ),
    _file("Learning.csv", "your LinkedIn Learning courses", "content title,content type"),
    _file("Events.csv", "your LinkedIn events", "event name,event time"),
    _file("SearchQueries.csv", "your searches", "time,search query"),
    _file("Logins.csv", "your sign-ins", "login date,ip address"),
    _file("Job Applications.csv", "your job applications", "application date,job url"),
    _file("Saved Jobs.csv", "the jobs you saved", "saved date,job url"),
    _file(
        "SavedJobAlerts.csv",
        "your job alerts",
        "saved search date,jobs search url",
        "alert_parameters,saved_search_id",
    ),
    _file(
        "Job Seeker Preferences.csv",
        "what jobs you are looking for",
        "locations,industries,open to recruiters",
    ),
    _file(
        "Job Applicant Saved Answers.csv,Job Applicant Saved Screening Question Responses.csv",
        "your answers to job applications' questions",
        "question,answer",
        exact=True,
    ),
    _file("Security Challenges.csv", "LinkedIn's security checks", "challenge date,challenge type"),
)

_SKILLS = _file("Skills.csv", "the skills on your own profile", "name", exact=True)


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
