"""Deterministic generator of a realistic professional network for the demo and the benchmark."""

import functools
import random
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from relate.collector import collector_paused

REFERENCE_DATE: date = date(2026, 11, 1)
STAGES: tuple[str, ...] = ("connection", "conversation", "1-2-1", "relationship", "advocate")

_T = TypeVar("_T")
_Rnd = Callable[[], float]

_CONNECTED_SPAN_DAYS = 8 * 365 + 2  # eight years back from the reference date
_INTERACTION_SPAN_DAYS = 2 * 365  # interactions happen in the two years before it


@dataclass(frozen=True, slots=True)
class SamplePerson:
    """One generated contact, shaped like a LinkedIn connection plus what the user recorded."""

    first_name: str
    last_name: str
    company: str
    position: str
    location: str
    email: str | None
    linkedin_url: str | None
    connected_on: date
    stage: str
    tags: tuple[str, ...]
    story: str
    how_met: str
    cadence_days: int | None


@dataclass(frozen=True, slots=True)
class SampleInteraction:
    """One dated entry on a generated person's timeline."""

    person_index: int
    kind: str
    sub_kind: str | None
    date: date
    summary: str
    notes: str


@dataclass(frozen=True, slots=True)
class SampleFollowUp:
    """An open follow-up promised to a generated person."""

    person_index: int
    due: date
    text: str


# --------------------------------------------------------------------------- tags


def _words(text: str) -> tuple[str, ...]:
    """Split a pool written one entry per line or separated by '|'."""
    return tuple(w.strip() for w in text.replace("\n", "|").split("|") if w.strip())


_TAG_NAMES: dict[str, str] = {
    "interest": """trucks|classic cars|architecture history|urbanism|sustainability|startups|AI|
        craft beer|wine|cooking|photography|history""",
    "hobby": """cycling|sailing|golf|running|fishing|hiking|woodworking|gardening|skiing|chess|
        pickleball|kayaking|birdwatching|jazz|guitar|board games""",
    "place": """Cleveland|Akron|Columbus|Pittsburgh|Chicago|Lake Erie|Cuyahoga Valley|Ireland|
        Poland|Italy""",
    "expertise": """mass timber|BIM|structural engineering|healthcare design|MEP|LEED|
        cost estimating|project management|proposal writing|business development|
        historic preservation|lab design|K-12 design|geotechnical|design-build|public speaking|
        energy modeling""",
    "industry": """healthcare|higher education|banking|real estate|manufacturing|life sciences|
        public sector|software|hospitality|energy""",
    "group": """SMPS|Rotary|AIA|ASCE|ULI|USGBC|Chamber of Commerce|BNI|Toastmasters|CREW|NAIOP|
        Ohio State alumni|Case Western alumni""",
    "other": "dog owner|new parent|veteran|mentoring|board member|job seeker",
}
_AVOID_TAGS = ("politics", "religion", "gossip")  # category "other", marked avoid
_TAGS: tuple[tuple[str, str, bool], ...] = (
    *((name, category, False) for category, names in _TAG_NAMES.items() for name in _words(names)),
    *((name, "other", True) for name in _AVOID_TAGS),
)
_MY_INTERESTS = _words("cycling|trucks|jazz|mass timber|healthcare design|Cleveland|SMPS")

# How often a tag turns up on a random person, by category (avoid tags are rare).
_CATEGORY_WEIGHT = dict(interest=3, hobby=4, place=4, expertise=3, industry=2, group=3, other=2)
_TAG_BOOST = {"Cleveland": 5, "Akron": 2, "SMPS": 2, "golf": 2, "cycling": 2, "running": 2}


def sample_tags() -> list[tuple[str, str, bool]]:
    """Return (name, category, avoid) for the sample's interest tags."""
    return list(_TAGS)


def my_interests() -> list[str]:
    """Return the tag names held by the sample user (the 'me' profile)."""
    return list(_MY_INTERESTS)


# --------------------------------------------------------------------------- names


# culture: (weight, female first names, male first names, last names)
_CULTURES: dict[str, tuple[int, str, str, str]] = {
    "anglo": (
        44,
        """Mary|Patricia|Jennifer|Linda|Elizabeth|Barbara|Susan|Jessica|Sarah|Karen|
        Lisa|Nancy|Sandra|Margaret|Ashley|Kimberly|Emily|Donna|Michelle|Carol|Amanda|Melissa|
        Deborah|Stephanie|Rebecca|Laura|Sharon|Cynthia|Kathleen|Amy|Angela|Anna|Brenda|Emma|
        Olivia|Megan|Rachel|Lauren|Heather|Julie|Kristen|Hannah|Abigail|Madison|Grace|Mary-Kate|
        Anne-Marie|Keisha|Tamika|Imani|Aaliyah|Shanice|Jo""",
        """James|John|Robert|Michael|William|David|Richard|Joseph|Thomas|Charles|Christopher|
        Daniel|Matthew|Anthony|Mark|Steven|Paul|Andrew|Joshua|Kevin|Brian|George|Timothy|Ryan|
        Jason|Jeffrey|Eric|Scott|Gregory|Benjamin|Nathan|Tyler|Zachary|Ethan|DeShawn|Malik|
        Terrence|Marcus|Andre|Billy-Ray""",
        """Smith|Johnson|Williams|Brown|Jones|Miller|Davis|Wilson|Anderson|Taylor|Thomas|Moore|
        Jackson|Martin|Thompson|White|Harris|Clark|Lewis|Robinson|Walker|Young|Allen|King|Wright|
        Scott|Hill|Green|Adams|Baker|Nelson|Carter|Mitchell|Roberts|Turner|Phillips|Campbell|
        Parker|Evans|Edwards|Collins|Stewart|Morris|Cook|Rogers|Morgan|Cooper|Peterson|Reed|
        Bailey|Bell|Howard|Ward|Cox|Richardson|Wood|Watson|Brooks|Bennett|Gray|Hughes|Price|
        Sanders|Myers|Long|Ross|Foster|Powell|Jenkins|Perry|Russell|Fisher|Henderson|Coleman|
        Simmons|Patterson|Jordan|Reynolds|Hamilton|Graham|Wallace|Woods|Cole|West|Owens|Marshall|
        Ellis|Harrison|Gibson|Warren|Dixon|Gordon|Shaw|Holmes|Rice|Hunt|Black|Daniels|Palmer|
        Mills|Grant|Knight|Ferguson|Stone|Hawkins|Dunn|Hudson|Spencer|Gardner|Payne|Pierce|
        Berry|Matthews|Arnold|Willis|Watkins|Carroll|Duncan|Hart|Cunningham|Bradley|Lane|
        Andrews|Harper|Fox|Armstrong|Carpenter|Weaver|Greene|Lawrence|Elliott|Sims|Austin|
        Franklin|Lawson|Smith-Jones|Lloyd-Davies|Bennett-Cole|Taylor-Brooks|Hughes-Patel""",
    ),
    "irish": (
        8,
        """Siobhán|Aoife|Niamh|Saoirse|Colleen|Maureen|Bridget|Erin|Molly|Caitríona|
        Róisín|Fiona""",
        """Sean|Brendan|Declan|Ciarán|Seamus|Patrick|Liam|Conor|Eoin|Padraig|Kieran|Dermot""",
        """O'Brien|O'Connor|O'Neill|O'Malley|O'Sullivan|McCarthy|Gallagher|Doyle|Byrne|
        Flanagan|Kavanagh|Fitzgerald|Nolan|Brennan|Donnelly|D'Arcy|Murphy|Kelly|Sullivan|
        McDonald|Kennedy|Burns|Ryan|Walsh|Quinn|McNamara""",
    ),
    "hispanic": (
        10,
        """María|Lucía|Sofía|Valentina|Camila|Gabriela|Guadalupe|Ana María|
        Isabel|Carmen|Rosa|Marisol|Ximena|Paola""",
        """José|Juan|Carlos|Luis|Miguel|Alejandro|Diego|Andrés|Raúl|Javier|Fernando|Jesús|
        Héctor|Iván""",
        """García|Rodríguez|Martínez|Hernández|López|González|Pérez|Sánchez|Ramírez|Torres|
        Flores|Rivera|Gómez|Díaz|Morales|Ortiz|Gutiérrez|Jiménez|Castillo|Vásquez|Núñez|Peña|
        de la Cruz|Santos|Ibáñez|Muñoz|Ramos-Ortega|Chavez|Ruiz""",
    ),
    "indian": (
        7,
        """Priya|Ananya|Deepa|Lakshmi|Kavya|Neha|Sunita|Pooja|Divya|Meera""",
        """Rahul|Arjun|Vikram|Sanjay|Ravi|Amit|Rajesh|Suresh|Karthik|Anil""",
        """Patel|Shah|Sharma|Singh|Kumar|Gupta|Reddy|Iyer|Nair|Desai|Mehta|Rao|Chatterjee|
        Banerjee|Joshi|Kapoor|Menon|Pillai""",
    ),
    "east_asian": (
        8,
        """Mei|Xiu|Yuki|Hana|Ji-woo|Min-ji|Seo-yeon|Thu|Linh|Li Na|Aiko|Yan""",
        """Wei|Jian|Hao|Hiroshi|Kenji|Takeshi|Min-jun|Ji-hoon|Duc|Minh|Jun|Tao""",
        """Chen|Wang|Li|Zhang|Liu|Huang|Zhao|Wu|Zhou|Xu|Tanaka|Suzuki|Sato|Watanabe|Yamamoto|
        Nakamura|Kim|Park|Choi|Jung|Kang|Nguyen|Tran|Pham|Le|Vo""",
    ),
    "slavic": (
        6,
        """Małgorzata|Agnieszka|Katarzyna|Zofia|Ewa|Joanna|Olga|Natalia|Irina|Jelena""",
        """Łukasz|Piotr|Tomasz|Krzysztof|Paweł|Jakub|Dmitri|Sergei|Aleksandr|Marek|Milan""",
        """Kowalski|Nowak|Wiśniewski|Wójcik|Kamiński|Lewandowski|Zieliński|Szymański|
        Dąbrowski|Kozłowski|Jankowski|Mazur|Krawczyk|Novak|Horvat|Petrović|Jovanović|Ivanov|
        Smirnov|Kuznetsov|Kowalska-Nowak""",
    ),
    "germanic": (
        6,
        """Ingrid|Astrid|Sigrid|Freja|Greta|Birgit|Anja|Katrin|Liesl|Maren""",
        """Björn|Søren|Lars|Nils|Jürgen|Stefan|Klaus|Matthias|Henrik|Jörg|Anders""",
        """Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Becker|Schäfer|Koch|Bauer|Richter|
        Klein|Wolf|Schröder|Neumann|Schwarz|Zimmermann|Braun|Krüger|Hofmann|Hartmann|Lange|
        Larsen|Hansen|Johansson|Lindqvist|Andersson|Nielsen|Sørensen|Ødegaard|Eriksson|Wagner|
        Snyder|Olson""",
    ),
    "romance": (
        6,
        """Giulia|Francesca|Chiara|Zoë|Chloé|Renée|Anaïs|Hélène|Élodie|Marie-Claire|
        Noémie|Alessia""",
        """Marco|Giuseppe|Luca|Alessandro|Matteo|François|Jean-Luc|Jean-Pierre|Étienne|Rémi|
        Gaël|Nicolò""",
        """Rossi|Russo|Ferrari|Esposito|Bianchi|Romano|Colombo|Ricci|Marino|Greco|Bruno|Gallo|
        Conti|DeLuca|D'Angelo|Lombardi|Moretti|Dubois|Lefèvre|Moreau|Laurent|Girard|Fontaine|
        Bélanger|Côté|Gagnon|Tremblay""",
    ),
    "other": (
        5,
        """Aisha|Fatima|Yasmin|Leila|Ngozi|Amara|Chioma|Abena|Noa|Tamar|Eleni|Elif""",
        """Omar|Ahmed|Tariq|Youssef|Karim|Olumide|Chinedu|Kwame|Kofi|Avi|Nikos|Emre""",
        """Okafor|Adeyemi|Okonkwo|Mensah|Boateng|Abubakar|Diallo|Haddad|Khalil|Nasser|Farouk|
        Cohen|Levi|Friedman|Goldberg|Katz|Papadopoulos|Georgiou|Yilmaz|Demir""",
    ),
}
_NEUTRAL_FIRST = _words("Alex|Jordan|Taylor|Morgan|Casey|Jamie|Sam|Robin|Riley|Avery|Quinn|Kai")
_CREDENTIAL_LAST = _words("""Chen, PMP|Patel, PE|Johnson, AIA|Rossi, LEED AP|Murphy, CPSM|
    Nguyen, CPA|Hoffman, PE, SE|García, AIA, NCARB|Miller, DBIA|Kowalski, PE""")

# Pronoun forms: subject, capitalised subject, object, possessive. Gender-neutral first names
# are left out: texts use the name itself for them.
_SHE = ("she", "She", "her", "her")
_HE = ("he", "He", "him", "his")
_PRONOUNS: dict[str, tuple[str, str, str, str]] = {}
_FIRSTS_BY_CULTURE: list[tuple[str, ...]] = []
_LASTS_BY_CULTURE: list[tuple[str, ...]] = []
_CULTURE_WEIGHTS: list[int] = []
for _weight, _female, _male, _last in _CULTURES.values():
    _f, _m = _words(_female), _words(_male)
    _PRONOUNS.update(dict.fromkeys(_f, _SHE))
    _PRONOUNS.update(dict.fromkeys(_m, _HE))
    _FIRSTS_BY_CULTURE.append(_f + _m)
    _LASTS_BY_CULTURE.append(_words(_last))
    _CULTURE_WEIGHTS.append(_weight)
_FIRSTS_BY_CULTURE[0] += _NEUTRAL_FIRST
_ALL_LASTS: tuple[str, ...] = tuple(x for lasts in _LASTS_BY_CULTURE for x in lasts)

_ASCII_FOLD = str.maketrans(
    {"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss", "Æ": "AE", "æ": "ae", "Đ": "D", "đ": "d"}
)


def _ascii(text: str) -> str:
    """Fold accents away: 'Łukasz Müller' -> 'Lukasz Muller'."""
    text = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLD))
    return text.encode("ascii", "ignore").decode("ascii")


def _slug(name: str, sep: str) -> str:
    """Lower-case ASCII handle for URLs and e-mail ('de la Cruz' -> 'de-la-cruz' or 'delacruz')."""
    base = _ascii(name.split(",")[0]).lower().replace("'", "")
    return sep.join("".join(c if c.isalnum() else " " for c in base).split())


# --------------------------------------------------------------------------- firms

# sector: (weight, firm names, positions, related tags, practice areas)
_SECTORS: dict[str, tuple[int, str, str, str, str]] = {
    "architecture": (
        22,
        """Hartwell Kovac Architects|North Coast Architects|
        Lakeshore Design Studio|Meridian Architecture|Stonebridge Design Group|
        Fenwick + Ames Architects|Ridgeline Architecture|Oak & Iron Design|
        Cuyahoga Architecture Collaborative|Bramwell Partners|Vantage Point Architects|
        Halvorsen Studio|Sixth Street Architects|
        Keystone Design Associates|Redline Architecture|Westgate Architects|Thornbury + Lin|
        Millrace Architects|Coastline Studio|Fairmount Design Group|Brickyard Architects|
        Harbor & Hill Architects|Larkspur Architecture|Driftwood Design|Ashby Reyes Architects|
        Kessler Nakamura Architects|Quarry Lane Studio|Tessellate Architecture|
        Bellweather Design|Cedar & Steel Architects|Prairie Line Architects|
        Northfield Planning + Design|Whitlock Moreau Architects|Arcadia Health Architects|
        Commonplace Studio|Fieldstone Architecture|Linden Row Architects|
        Beacon Street Design|Ironworks Architecture|Sycamore Design Collaborative""",
        """Architect|Architect|Project Architect|Project Architect|Senior Project Architect|
        Architectural Designer|Designer|Intern Architect|Project Manager|Project Manager|
        Associate|Senior Associate|Associate Principal|Principal|Managing Principal|
        Design Director|Interior Designer|Senior Interior Designer|BIM Manager|
        Healthcare Planner|Medical Planner|Specifications Writer|Marketing Coordinator|
        Marketing Manager|Director of Business Development|Director of Marketing|Studio Leader|
        Sustainability Director|Project Coordinator|Founding Partner""",
        """healthcare design|mass timber|BIM|LEED|historic preservation|K-12 design|
        lab design|AIA|urbanism|architecture history""",
        "healthcare|higher-ed|K-12|workplace|multifamily|cultural|science and technology",
    ),
    "engineering": (
        18,
        """Calder Structural|Northpoint Engineering|Ferris & Vance Engineers|
        Keel Structural Group|Lakeland MEP|Vireo Engineering|Summit Civil Partners|
        Brightline Engineers|Granite Ridge Geotechnical|Tandem Structural|Corbel Engineering|
        Ashgrove Consulting Engineers|Helix MEP Partners|Bridgewater Engineering|
        Wainwright Structural|Coldwater Civil|Pillar Engineering Group|Riverbend Engineers|
        Tesla Park MEP|Cascade Engineering Services|Holloway Birch Engineers|
        Northern Ohio Engineering|Axis Structural Design|Benchmark Geotechnical|
        Crosswind Engineering|Portage Civil Group|Atlas Building Systems|Kilowatt Engineering|
        Ferrous Structural|Hollister Engineering|Sandstone Engineers|Trident MEP|
        Girder & Gusset Engineers|Mohican Engineering|Whitestone Civil|Clearwater Engineering|
        Apex Energy Engineers|Stratum Geotechnical|Keystone Structural Partners|
        Orbis Engineering""",
        """Structural Engineer|Structural Engineer|Senior Structural Engineer|Project Engineer|
        Project Engineer|EIT|Mechanical Engineer|Electrical Engineer|MEP Project Manager|
        Civil Engineer|Geotechnical Engineer|Senior Project Manager|Principal|Vice President|
        Department Manager|Client Executive|Business Development Manager|Marketing Manager|
        Proposal Manager|Energy Engineer|Commissioning Agent|CAD Technician|
        Transportation Engineer|Water Resources Engineer|Office Director""",
        """structural engineering|MEP|BIM|geotechnical|ASCE|mass timber|energy modeling|
        energy|LEED""",
        "structural|MEP|civil|transportation|water|energy",
    ),
    "construction": (
        14,
        """Ironclad Builders|Marcotte Construction|Lakeview Construction Co.|
        Vance & Sons Builders|Keystone Contracting|Redhawk Construction|Brennan Building Group|
        Summit Construction Services|Granite Bay Builders|Harlow General Contractors|
        Crane & Co. Construction|Northshore Builders|Foundry Construction|
        Pinnacle Design-Build|Cornerstone Contracting|Blue Heron Builders|
        Ohio Valley Constructors|Whitfield Construction|Ridgeback Builders|Torque Construction|
        Hammerstone Group|Lakeside Mechanical|Buckeye Concrete|Steelhead Erectors|
        Mosaic Construction|Tall Pines Builders|Carver Construction|Riverstone Builders|
        Millwright Construction|Anchor Point Contracting|Brickworks General|Trailhead Builders|
        Catalyst Construction|Fourth Coast Construction|Westlake Builders""",
        """Project Manager|Project Manager|Senior Project Manager|Assistant Project Manager|
        Project Engineer|Superintendent|Superintendent|General Superintendent|Estimator|
        Senior Estimator|Preconstruction Manager|Director of Preconstruction|VDC Manager|
        Safety Director|Vice President of Operations|President|Business Development Manager|
        Director of Business Development|Marketing Director|Field Engineer|Owner|Controller""",
        """design-build|cost estimating|project management|mass timber|trucks|BIM|
        manufacturing""",
        "healthcare|industrial|multifamily|education|interiors|heavy civil",
    ),
    "consulting": (
        9,
        """Fairhaven Advisors|Keel & Compass Consulting|Brightwater Strategy|
        Cobalt Partners|Northbridge Consulting|Ledger & Line|Arbor Advisory Group|
        Tallgrass Consulting|Clearpath Owners Representation|Summit Cost Consultants|
        Beacon Program Management|Elm Street Strategy|Wayfinder Consulting|Crestline Advisors|
        Greenleaf Sustainability|Paragon Facility Advisors|Trellis Consulting|
        Keystone Owner Services|Lumen Strategy Group|Harborview Advisors|Meridian Coaching|
        Fieldnote Research|Cardinal Advisory|Sextant Partners|Riverside Consulting Group|
        Plumbline Advisors|Benchmark Cost Management|Quadrant Strategy|Northstar Advisory|
        Kestrel Consulting""",
        """Consultant|Consultant|Senior Consultant|Manager|Senior Manager|Director|
        Managing Director|Partner|Principal Consultant|Owner's Representative|Program Manager|
        Cost Consultant|Sustainability Consultant|Analyst|Engagement Manager|Founder|
        Executive Coach""",
        """business development|project management|public speaking|proposal writing|
        sustainability|startups|mentoring""",
        "owner's rep|cost|strategy|sustainability|facilities",
    ),
    "finance": (
        8,
        """Lake Erie Savings Bank|First Cuyahoga Bank|Northern Trust Company of Ohio|
        Western Reserve Bancorp|Heartland Commercial Bank|Keystone Capital|Portage Community Bank|
        Buckeye Federal Credit Union|Harbor Wealth Partners|Summit Private Bank|
        Great Lakes Capital Markets|Ashland Financial Group|Midwest Equipment Finance|
        Canal Street Capital|Ridgewood Wealth Advisors|Ohio Valley Bank|Fairlane Financial|
        Crossroads Credit Union|Stonehill Investment Partners|Tower City Trust|
        Anchor Bay Lending|Forest City Capital|Granite Point Insurance|Maple Leaf Insurance|
        Lorain County Savings""",
        """Relationship Manager|Relationship Manager|Vice President|Senior Vice President|
        Commercial Lender|Credit Analyst|Portfolio Manager|Wealth Advisor|Financial Advisor|
        Real Estate Banker|Treasury Management Officer|Branch Manager|CFO|Managing Director|
        Underwriter""",
        "banking|real estate|Chamber of Commerce|Rotary|golf",
        "commercial real estate|middle market|wealth|public finance",
    ),
    "health": (
        9,
        """Lakeshore Health System|Northeast Ohio Medical Center|St. Brigid Hospital|
        Summit Children's Hospital|Western Reserve Health|Cuyahoga Valley Medical Group|
        Mercy Lakes Hospital|Akron General Health|University Medical Partners|
        Heartland Behavioral Health|Riverside Community Hospital|Canton Regional Medical Center|
        Great Lakes Cancer Institute|Lorain Valley Health|Crossroads Rehabilitation Hospital|
        Shoreline Senior Living|Ohio Valley Orthopedics|Parkview Surgical Center|
        BioLake Research Institute|Northcoast Dental Group|Harbor Light Hospice|
        Fairmount Pediatrics|Meridian Health Partners|Summit County Public Health|
        Hillcrest Veterans Medical Center""",
        """Director of Facilities|VP of Facilities and Construction|Facilities Planner|
        Project Manager|Capital Projects Manager|Nurse Manager|Chief Nursing Officer|
        Director of Operations|Physician|Administrator|Director of Real Estate|
        Supply Chain Manager|Chief Operating Officer|Planning Director|Research Scientist""",
        "healthcare|healthcare design|lab design|life sciences|running",
        "facilities|research|capital planning|clinical operations",
    ),
    "software": (
        7,
        """Brightloop Software|Northwind Labs|Kitebase|Quarry Data|Fieldwise|
        Lattice Systems|BuildGrid|Siteline Software|Tandem Cloud|Parcel Labs|Rivet Analytics|
        Copperleaf Apps|Mapleframe|Stackwell|Blueprint AI|Hatchway|Cobblestone Software|
        Lakehouse Data|Trussworks|Clearbeam|Portolan Systems|Nimbus Estimating|Brickstream|
        Greyline Security|Orchard HR|Waypoint Logistics Software|Tidewater Tech|Gridiron CRM|
        Ferrule Robotics|Canopy Health Tech""",
        """Software Engineer|Software Engineer|Senior Software Engineer|Product Manager|
        Account Executive|Account Executive|Customer Success Manager|Solutions Engineer|
        Engineering Manager|CTO|Founder & CEO|Head of Sales|UX Designer|Data Scientist|
        Implementation Consultant|Director of Partnerships""",
        "software|AI|startups|BIM|board games|chess",
        "construction tech|health tech|analytics|security",
    ),
    "public": (
        6,
        """Case Western Reserve University|Cleveland State University|
        University of Akron|Kent State University|Cuyahoga Community College|
        City of Cleveland|City of Akron|Cuyahoga County|Summit County|
        Port of Cleveland|Greater Cleveland Regional Transit Authority|
        Cleveland Metropolitan School District|Northeast Ohio Regional Sewer District|
        Cleveland Public Library|Ohio Department of Transportation|
        Cleveland Museum of Natural History|Akron Public Schools|Lorain County Community College|
        Oberlin College|Baldwin Wallace University|Cleveland Foundation|Akron Community Foundation|
        Team NEO|Greater Cleveland Partnership|Cleveland Neighborhood Progress""",
        """Facilities Director|University Architect|Campus Planner|Professor|
        Associate Professor|Dean|City Planner|Planning Director|Economic Development Director|
        Project Manager|Program Officer|Executive Director|Procurement Officer|County Engineer|
        Director of Capital Projects""",
        "higher education|public sector|urbanism|K-12 design|board member|Rotary",
        "capital projects|planning|economic development|facilities",
    ),
    "real_estate": (
        4,
        """Forest Hill Development|Lakefront Properties|Stonebrook Realty|
        Waterfront District Partners|Keystone Property Group|Harbor Point Developers|
        Gateway Commercial Realty|Flats East Partners|Emerald Necklace Holdings|
        Terminal Tower Partners|Ridgeway Industrial REIT|Brookside Multifamily|
        Crossing Street Capital|Ohio City Lofts|Union Depot Developers|Northgate Brokerage|
        Steelyard Partners|Halcyon Properties|Tremont Place Development|Chagrin Valley Land""",
        """Developer|Development Manager|Asset Manager|Property Manager|Broker|
        Senior Vice President|Leasing Director|Principal|Acquisitions Analyst|
        Director of Development|Partner|Tenant Representative""",
        "real estate|ULI|NAIOP|CREW|urbanism|hospitality",
        "multifamily|industrial|office|mixed-use",
    ),
    "manufacturing": (
        3,
        """Great Lakes Steel Fabricators|Cuyahoga Precision|Buckeye Polymers|
        Lakeshore Paints & Coatings|Tallmadge Tool & Die|Erie Forge|Northcoast Glass|
        Harbor Industrial Supply|Vantage Fleet Trucks|Akron Tire & Rubber Works|
        Medina Millwork|Ohio Modular Homes|Portage Timber Products|Clarion Lighting|
        Ravenna Fasteners|Sandusky Marine|Elyria Electric Motors|Westfield Windows|
        Kent Composite Panels|Solon Instruments""",
        """Plant Manager|Operations Manager|Director of Engineering|Procurement Manager|
        Facilities Manager|Sales Engineer|Regional Sales Manager|Product Manager|
        Quality Manager|VP Operations|Supply Chain Director|Architectural Sales Representative""",
        "manufacturing|trucks|energy|mass timber|woodworking",
        "fabrication|products|operations",
    ),
}

_STOP_WORDS = {
    "architects",
    "architecture",
    "and",
    "the",
    "co",
    "inc",
    "group",
    "of",
    "studio",
    "design",
    "partners",
    "llc",
}


def _top_level_domain(firm: str, sector: str) -> str:
    if sector not in ("public", "health"):
        return ".com"
    if "University" in firm or "College" in firm:
        return ".edu"
    if firm.startswith(("City of", "Port of", "Ohio Department")) or firm.endswith("County"):
        return ".gov"
    return ".org"


def _build_firms() -> list[
    tuple[int, tuple[tuple[str, str], ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
]:
    """Turn _SECTORS into (weight, ((firm, domain), ...), positions, tags, practices)."""
    used: set[str] = set()
    sectors = []
    for key, (weight, firms, positions, tags, practices) in _SECTORS.items():
        pairs = []
        for firm in _words(firms):
            words = _slug(firm.replace("&", " ").replace("+", " "), " ").split()
            core = [w for w in words if w not in _STOP_WORDS] or words
            name = "".join(core[:2])
            if name in used:
                name = "".join(core[:3]) if len(core) > 2 else name + key
            used.add(name)
            domain = name + _top_level_domain(firm, key)
            pairs.append((firm, domain))
        sectors.append((weight, tuple(pairs), _words(positions), _words(tags), _words(practices)))
    return sectors


_FIRMS = _build_firms()

_LOCATIONS = {
    "Cleveland, OH": 30,
    "Akron, OH": 9,
    "Columbus, OH": 7,
    "Cincinnati, OH": 4,
    "Canton, OH": 3,
    "Lakewood, OH": 3,
    "Beachwood, OH": 2,
    "Independence, OH": 2,
    "Westlake, OH": 2,
    "Solon, OH": 1,
    "Medina, OH": 1,
    "Hudson, OH": 1,
    "Toledo, OH": 1,
    "Pittsburgh, PA": 5,
    "Erie, PA": 1,
    "Detroit, MI": 3,
    "Chicago, IL": 5,
    "New York, NY": 4,
    "Buffalo, NY": 1,
    "Indianapolis, IN": 1,
    "Denver, CO": 1,
    "Austin, TX": 1,
    "Washington, DC": 1,
    "Toronto, ON": 2,
    "Montréal, QC": 1,
    "London": 2,
    "Dublin": 1,
    "Kraków": 1,
    "Munich": 1,
    "Mexico City": 1,
}

_EVENTS = _words("""SMPS breakfast|SMPS Cleveland program|AIA Cleveland holiday party|
    ULI Cleveland trends conference|Rotary lunch|USGBC Ohio summit|Chamber networking night|
    ASCE section dinner|NAIOP awards dinner|CREW Cleveland luncheon|DBIA Ohio mixer|
    hospital facilities forum|Healthcare Design Expo|mass timber tour|BNI meeting""")
_MONTHS = _words("""January|February|March|April|May|June|July|August|September|October|
    November|December""")
_HOW_MET_STATIC = _words("""Introduced by a colleague|Introduced by a client|LinkedIn|
    Former colleague|College classmate|Worked together on a hospital project|
    Met on a jobsite tour|Sat together on a conference panel|Cold email|Neighbor|
    Kids on the same soccer team|Same cycling club""")


_BITS = 12  # every pick table has 2**_BITS slots, so a pick is table[getrandbits(_BITS)]


def _table(pairs: Iterable[tuple[_T, float]]) -> tuple[_T, ...]:
    """Spread weighted items over 2**_BITS slots (each item keeps at least one)."""
    items = list(pairs)
    total = sum(weight for _, weight in items)
    size = 1 << _BITS
    slots: list[_T] = []
    done = 0.0
    for item, weight in items:
        count = round((done + weight) * size / total) - len(slots)
        done += weight
        if count < 1:
            raise ValueError(f"weight of {item!r} too small for a pick table")
        slots.extend([item] * count)
    return tuple(slots)


def _uniform(items: Iterable[_T]) -> tuple[_T, ...]:
    """A pick table giving every item the same chance."""
    return _table((item, 1.0) for item in items)


def _skewed(items: Sequence[_T], power: float) -> tuple[_T, ...]:
    """A pick table where item r has the chance of int(len * u**power) == r for uniform u."""
    n = len(items)
    return _table(
        (item, ((r + 1) / n) ** (1 / power) - (r / n) ** (1 / power))
        for r, item in enumerate(items)
    )


_SLUG = {
    name: _slug(name, "-")
    for names in (*_FIRSTS_BY_CULTURE, _ALL_LASTS, _CREDENTIAL_LAST)
    for name in names
}
_DOT = {name: _slug(name, "") for name in _SLUG}


def _lasts(names: Iterable[str]) -> tuple[tuple[str, str, str], ...]:
    return _uniform((name, _SLUG[name], _DOT[name]) for name in names)


_ANY_LAST_TABLE = _lasts(_ALL_LASTS)
_CREDENTIAL_TABLE = _lasts(_CREDENTIAL_LAST)
# (first, slug, dot, that culture's last-name table): the culture by weight, then the name.
_FIRST_TABLE = _table(
    ((first, _SLUG[first], _DOT[first], lasts_table), weight / len(firsts))
    for weight, firsts, lasts_table in zip(
        _CULTURE_WEIGHTS, _FIRSTS_BY_CULTURE, [_lasts(x) for x in _LASTS_BY_CULTURE], strict=True
    )
    for first in firsts
)
# (firm table skewed to a few big employers, position table, sector tags, practice areas)
_SECTOR_TABLE = _table(
    ((_skewed(firms, 1.8), _uniform(positions), tags, practices), weight)
    for weight, firms, positions, tags, practices in _FIRMS
)
_LOCATION_TABLE = _table(_LOCATIONS.items())
_TAG_TABLE = _table(
    (name, 1 if avoid else _CATEGORY_WEIGHT[cat] * _TAG_BOOST.get(name, 1))
    for name, cat, avoid in _TAGS
)
_HOW_MET_TABLE = _table(
    [(f"{e[0].upper()}{e[1:]}, {m}", 1) for e in _EVENTS for m in _MONTHS]
    + [(h, 12) for h in _HOW_MET_STATIC]
    + [("LinkedIn", 60)]
)

# Per stage (shares of people are 80/10/5/3.5/1.5%, in generate_people): tag counts, chance of
# a story, chance of an e-mail, cadences, relative number of interactions, interaction kinds.
_STAGE_TAG_COUNTS = (
    (0, 0, 0, 0, 1, 1, 1, 2),
    (0, 1, 1, 2, 2, 2, 3, 3),
    (1, 2, 2, 3, 3, 3, 4, 4),
    (2, 2, 3, 3, 3, 4, 4, 5),
    (2, 3, 3, 4, 4, 5, 5, 5),
)  # picked by 3 bits
_STAGE_STORY = (0.02, 0.45, 0.8, 0.9, 0.95)
_STAGE_EMAIL = (0.12, 0.5, 0.7, 0.85, 0.9)
_STAGE_CADENCE = (
    (),
    (90, 180, 365, 365),
    (60, 90, 90, 180),
    (30, 60, 60, 90),
    (14, 30, 30, 60),
)  # picked by 2 bits
_STAGE_INTERACTIONS = (0.4, 3.0, 6.0, 12.0, 20.0)
_STAGE_KINDS = tuple(
    _table(w.items())
    for w in (
        {"message": 6, "email": 3, "met": 3, "note": 2, "conversation": 1},
        {
            "conversation": 5,
            "email": 4,
            "message": 3,
            "call": 3,
            "met": 2,
            "note": 1,
            "gave": 2,
            "received": 1,
        },
        {
            "1-2-1": 5,
            "conversation": 3,
            "email": 3,
            "call": 3,
            "message": 2,
            "note": 1,
            "gave": 2,
            "received": 1,
        },
        {
            "1-2-1": 4,
            "call": 3,
            "email": 3,
            "conversation": 2,
            "message": 2,
            "note": 1,
            "gave": 3,
            "received": 2,
        },
        {
            "1-2-1": 4,
            "call": 3,
            "email": 3,
            "conversation": 2,
            "message": 2,
            "note": 1,
            "gave": 4,
            "received": 4,
        },
    )
)
_GAVE_SUBKINDS = _table(
    {"information": 5, "introduction": 3, "referral": 2, "advice": 3, "help": 2}.items()
)
_RECEIVED_SUBKINDS = _table(
    {"referral": 4, "help": 3, "information": 2, "introduction": 2, "advice": 1}.items()
)

# --------------------------------------------------------------------------- texts
# Placeholders: {first} name, {p}/{P} subject pronoun, {o} object, {s} possessive, {company},
# {position}, {a_position}, {practice}, {topic}, {place}, {event}, {project}, {other},
# {other_company}.

_PLACES = _words("""Phoenix Coffee|Rising Star Coffee|Pour Cleveland|Gypsy Beans|Lucky's Café|
    Crop Bistro|the Union Club|Market Garden|Tremont Taphouse|Nuevo|the City Club|
    Luna Bakery|Mitchell's|Urban Coffee Collective|the Akron Art Museum café|the Hermit Club""")
_PROJECTS = _words("""the Shaker Square renovation|the Akron lab building|the county courthouse|
    the riverfront apartments|the Parma schools bond work|the Lorain water plant|
    the Euclid Avenue tower|the new science center|the port's warehouse expansion|
    the hospital bed tower|the Midtown innovation hub|the library branch program|
    the Canal Basin park|the ED expansion|the Opportunity Corridor offices""")
_TOPICS = _words("""{s} firm's move to mass timber|hiring a BIM manager|
    winning more {practice} work|
    succession planning at {company}|the mass timber code changes|cost escalation on steel|
    {project}|the SMPS mentoring program|getting back into K-12 work|
    the downtown office-to-residential conversions|{s} daughter's college search|
    {s} cycling trip in Vermont|what clients ask for in interviews|the new ULI council|
    how {company} prices design-build work|{s} plan to open a Columbus office|
    lab design for the biotech park|burnout on the project teams|{s} move to {company}|
    the Lake Erie shoreline plan|which owners are planning capital work next year|
    {s} talk at the {event}|the backlog for next spring|AI tools for proposals""")
_SUMMARIES: dict[str, tuple[str, ...]] = {
    "met": _words("""Met at the {event}|Met {first} at the {event}; talked about {topic}|
        Ran into {first} at {place}|Said hello at the {event} and swapped cards|
        Sat next to {o} at the {event}"""),
    "conversation": _words("""Talked with {first} about {topic}|
        Long chat after the {event} about {topic}|Quick catch-up; {p} mentioned {topic}|
        Conversation at the {event} about {topic}|{first} asked about {topic}"""),
    "1-2-1": _words("""Coffee at {place}, talked about {topic}|
        Lunch at {place}; {p} told me about {topic}|Breakfast at {place}, mostly about {topic}|
        1-2-1 at {s} office, walked through {topic}|
        Walk along the lakefront, talked about {topic}|Coffee at {place} to hear about {topic}"""),
    "call": _words("""Call about {topic}|{first} called to ask about {topic}|
        Returned {s} call about {topic}|Zoom catch-up on {topic}|Short call before {s} trip"""),
    "email": _words("""Emailed {o} about {topic}|{first} emailed about {topic}|
        Congratulations note on {s} new role|Thank-you email after our coffee|
        Sent {o} notes from the {event}"""),
    "message": _words("""LinkedIn message: congratulated {o} on the new role|
        Texted about {topic}|Congratulated {o} on {s} work anniversary|
        Commented on {s} post about {topic}|Accepted {s} connection request|
        Wished {o} luck with {project}"""),
    "note": _words("""Saw that {company} won {project}|Heard {p} may be moving to a new role|
        {company} is hiring two project managers|Noticed {s} talk on {topic} at the {event}|
        {first} was quoted in Crain's about {topic}"""),
    "gave:information": _words("""Sent {o} the article on {topic}|
        Forwarded the RFP for {project}|Shared the ULI report on {topic}"""),
    "gave:introduction": _words("""Introduced {o} to {other} ({other_company})|
        Made an email introduction to {other} about {topic}"""),
    "gave:referral": _words("""Referred {other} at {other_company} to {o} for {project}|
        Recommended {company} to {other} for {project}"""),
    "gave:advice": _words("""Gave {o} advice on {topic}|Reviewed {s} proposal for {project}|
        Talked {o} through the interview for {project}"""),
    "gave:help": _words("""Helped {o} with {s} SMPS award entry|
        Wrote a LinkedIn recommendation for {o}|Recommended {o} for a board seat|
        Helped {o} find a summer intern"""),
    "received:referral": _words("""{first} referred us to {other} at {other_company}|
        {first} passed along a lead on {project}"""),
    "received:introduction": _words("""{first} introduced me to {other} ({other_company})|
        {first} set up lunch with {other}"""),
    "received:help": _words("""{first} helped with our {project} proposal|
        {first} reviewed our interview slides for {project}|
        {first} lent us a mass timber detail"""),
    "received:advice": _words("""{first} gave advice on {topic}|
        {first} shared how {company} handles {topic}"""),
    "received:information": _words("""{first} sent the article on {topic}|
        {first} tipped me off about the RFP for {project}"""),
}
_NOTES = _words("""Prefers early mornings.|Has two kids in travel soccer.|
    Just back from a sailing trip on Lake Erie.|Wants to meet again in the spring.|
    Very candid about the backlog.|Knows everyone at the county.|Ask about {s} marathon next time.|
    Busy until year-end; keep it short.|Mentioned {s} father is ill.|
    Great listener, asked about our work first.|Prefers texts to email.|
    {P} is on the SMPS programs committee.|Asked me to keep the merger news quiet.|
    Big Guardians fan.|Allergic to shellfish, remember for lunches.|
    Recommended a book: "Never Eat Alone".|{P} is thinking about leaving {company}.""")
_FOLLOW_UPS = _words("""Send {o} the article on {topic}|Call after {s} move|
    Introduce {o} to {other}|
    Check in after {s} interview with {other_company}|Invite {o} to the {event}|
    Ask {o} about the RFP for {project}|Send the slides from the {event}|
    Congratulate {o} on winning {project}|Schedule lunch before the holidays|
    Follow up on {s} question about {topic}|Send a thank-you note for the referral|
    Book the 1-2-1 we talked about|Ask how {p} is settling in at {company}|
    Send {o} the name of a good structural engineer""")
_STORY_DO = _words("""{first} is {a_position} at {company}.|
    {first} leads the {practice} work at {company}.|
    {first} has been at {company} for about ten years, now as {a_position}.|
    {first} moved to {company} last year as {a_position}.|
    {first} runs business development for the {practice} group at {company}.""")
_STORY_MORE = _words("""{P} wants to win more {practice} work.|
    {P} is looking for a structural engineer who knows mass timber.|
    {P} hopes to make principal within two years.|
    {P} wants an introduction to the facilities team at the university.|
    {P} is trying to hire two project managers.|{P} wants to speak at the SMPS regional conference.|
    {P} worries about the backlog after the spring.|
    {P} worries that {company} depends too much on one client.|
    Steel prices and schedules keep {o} up at night.|{P} is nervous about the merger talks.|
    {P} cares a lot about mentoring young designers.|
    Family comes first; {p} coaches {s} son's hockey team.|
    {P} volunteers with Habitat for Humanity.|{P} rides the towpath every weekend.|
    {P} would love to get {company} onto the county's shortlist.|
    {P} thinks most marketing events are a waste of time.""")


def _article(word: str) -> str:
    """'an Estimator', 'a Principal'."""
    return ("an " if word[0] in "AEIOU" else "a ") + word


def _person_fields(first: str, company: str, position: str, practice: str) -> dict[str, str]:
    """Template fields about one person, with pronouns (or the name for gender-neutral names)."""
    pronouns = _PRONOUNS.get(first) or (first, first, first, first + "'s")
    return {
        "first": first,
        "p": pronouns[0],
        "P": pronouns[1],
        "o": pronouns[2],
        "s": pronouns[3],
        "company": company,
        "position": position,
        "a_position": _article(position),
        "practice": practice,
    }


class _PoolFields(dict[str, str]):
    """Fills the fields drawn from pools (topic, place, ...) and keeps the others as fields."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        pool = _FIELD_POOLS.get(key)
        if pool is None:
            return "{" + key + "}"
        return pool[int(self.rng.random() * len(pool))].format_map(self)


_FIELD_POOLS = {"place": _PLACES, "event": _EVENTS, "project": _PROJECTS, "topic": _TOPICS}


def _rendered(templates: Sequence[str], rng: random.Random) -> tuple[str, ...]:
    """A pick table of templates with their pool fields filled in many ways (done once, so
    that generating stays fast); every template is equally likely."""
    pool_fields = _PoolFields(rng)
    weighted = []
    for template in templates:
        variants = {template.format_map(pool_fields) for _ in range(32)}
        weighted.extend((text, 1 / len(variants)) for text in sorted(variants))
    return _table(weighted)


@functools.cache
def _texts() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...], tuple[str, ...]]:
    """(summary tables by kind or "kind:sub_kind", notes table, follow-up table)."""
    rng = random.Random("relate.sample.texts")
    summaries = {key: _rendered(templates, rng) for key, templates in _SUMMARIES.items()}
    return summaries, _rendered(_NOTES, rng), _rendered(_FOLLOW_UPS, rng)


def _fill(
    text: str, fields: dict[str, str], people: Sequence[SamplePerson], index: int, rnd: _Rnd
) -> str:
    """Fill a rendered text for people[index]; "other" is someone else from people."""
    if "{other" not in text:
        return text.format_map(fields)
    if len(people) < 2:
        return text.format_map({**fields, "other": "a colleague", "other_company": "a client"})
    pick = int(rnd() * (len(people) - 1))
    other = people[pick + (pick >= index)]
    return text.format_map(
        {**fields, "other": f"{other.first_name} {other.last_name}", "other_company": other.company}
    )


# --------------------------------------------------------------------------- generators

_BACK = tuple(REFERENCE_DATE - timedelta(days=d) for d in range(_CONNECTED_SPAN_DAYS + 1))
_FIRM_PRACTICES = {firm: s[4] for s in _FIRMS for firm, _ in s[1]}


def generate_people(n: int, seed: int = 42) -> list[SamplePerson]:
    """Generate n people, deterministic for (n, seed); a shorter run is a prefix of a longer one."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    with collector_paused():
        return _generate_people(n, seed)


def _generate_people(n: int, seed: int) -> list[SamplePerson]:
    rng = random.Random(f"relate.sample.people:{seed}")
    rnd, bits = rng.random, rng.getrandbits
    # Locals and pick tables: this loop runs 100,000 times in the benchmark.
    first_table, any_last, credential = _FIRST_TABLE, _ANY_LAST_TABLE, _CREDENTIAL_TABLE
    sectors, locations = _SECTOR_TABLE, _LOCATION_TABLE
    tag_table, how_met_table = _TAG_TABLE, _HOW_MET_TABLE
    stage_email, stage_tags, stage_story = _STAGE_EMAIL, _STAGE_TAG_COUNTS, _STAGE_STORY
    back, stages, span, b = _BACK, STAGES, _CONNECTED_SPAN_DAYS - 1, _BITS
    emails: set[str] = set()
    people: list[SamplePerson] = []
    append = people.append
    for i in range(n):
        first, f_slug, f_dot, lasts = first_table[bits(b)]
        u = rnd()
        last, l_slug, l_dot = (lasts if u < 0.785 else credential if u < 0.8 else any_last)[bits(b)]
        firms, positions, sector_tags, practices = sectors[bits(b)]
        company, domain = firms[bits(b)]
        position = positions[bits(b)]

        u = rnd()
        stage = 0 if u < 0.8 else 1 if u < 0.9 else 2 if u < 0.95 else 3 if u < 0.985 else 4
        # People further along were usually connected longer ago.
        connected_on = back[1 + int(span * rnd() ** (1.2 if stage == 0 else 0.7))]

        linkedin = None
        if rnd() < 0.9:  # the suffix is a bijection of i, so URLs are unique
            linkedin = (
                f"https://www.linkedin.com/in/{f_slug}-{l_slug}-"
                f"{(i * 0x9E3779B1 + 0x2545F491) & 0xFFFFFFFF:08x}"
            )
        email = None
        if rnd() < stage_email[stage]:
            email = f"{f_dot}.{l_dot}@{domain}"
            k = 2
            while email in emails:  # a second John Smith at the same firm
                email = f"{f_dot}.{l_dot}{k}@{domain}"
                k += 1
            emails.add(email)

        tags: tuple[str, ...] = ()
        k = stage_tags[stage][bits(3)]
        if k:
            picked = [sector_tags[int(rnd() * len(sector_tags))]] if rnd() < 0.6 else []
            while len(picked) < k:
                picked.append(tag_table[bits(b)])
            tags = tuple(dict.fromkeys(picked))  # drop repeats, keep order

        how_met = how_met_table[bits(b)] if rnd() < (0.4 if stage == 0 else 0.85) else ""
        cadence = _STAGE_CADENCE[stage][bits(2)] if stage and rnd() < 0.85 else None
        story = ""
        if rnd() < stage_story[stage]:
            story = _story(rng, first, company, position, practices)
        append(
            SamplePerson(
                first,
                last,
                company,
                position,
                locations[bits(b)],
                email,
                linkedin,
                connected_on,
                stages[stage],
                tags,
                story,
                how_met,
                cadence,
            )
        )
    return people


def _story(
    rng: random.Random, first: str, company: str, position: str, practices: Sequence[str]
) -> str:
    """A few sentences composed from fragments: what they do, want, worry and care about."""
    bits = rng.getrandbits
    fields = _person_fields(first, company, position, practices[bits(8) % len(practices)])
    more = dict.fromkeys(_STORY_MORE_TABLE[bits(_BITS)] for _ in range(_STORY_LENGTHS[bits(2)]))
    first_sentence = _STORY_DO_TABLE[bits(_BITS)].format_map(fields)
    return " ".join([first_sentence] + [part.format_map(fields) for part in more])


_STORY_DO_TABLE = _uniform(_STORY_DO)
_STORY_MORE_TABLE = _uniform(_STORY_MORE)
_STORY_LENGTHS = (1, 2, 2, 3)  # sentences after the first, picked by 2 bits


def _fields_of(person: SamplePerson, rng: random.Random) -> dict[str, str]:
    """Template fields for a generated person, with one of their firm's practice areas."""
    practices = _FIRM_PRACTICES.get(person.company, ("client work",))
    practice = practices[rng.getrandbits(8) % len(practices)]
    return _person_fields(person.first_name, person.company, person.position, practice)


def generate_interactions(
    people: Sequence[SamplePerson], seed: int = 42, per_person: float = 1.5
) -> list[SampleInteraction]:
    """About per_person interactions per person, more for later stages; sorted by person, date.

    Dated in the two years before REFERENCE_DATE and never before connected_on. Everyone at
    "1-2-1" or beyond has at least one "1-2-1" interaction, whatever per_person is.
    """
    if per_person < 0:
        raise ValueError(f"per_person must be >= 0, got {per_person}")
    with collector_paused():
        return _generate_interactions(people, seed, per_person)


def _generate_interactions(
    people: Sequence[SamplePerson], seed: int, per_person: float
) -> list[SampleInteraction]:
    rng = random.Random(f"relate.sample.interactions:{seed}")
    rnd, bits = rng.random, rng.getrandbits
    stage_of = {name: i for i, name in enumerate(STAGES)}
    stages = [stage_of[p.stage] for p in people]
    total_weight = sum(_STAGE_INTERACTIONS[s] for s in stages)
    scale = per_person * len(people) / total_weight if total_weight else 0.0
    ref_ordinal = REFERENCE_DATE.toordinal()
    summaries, notes_table, _ = _texts()
    stage_kinds, gave, received = _STAGE_KINDS, _GAVE_SUBKINDS, _RECEIVED_SUBKINDS
    back, b, fill = _BACK, _BITS, _fill
    out: list[SampleInteraction] = []
    append = out.append
    for index, person in enumerate(people):
        stage = stages[index]
        # Mean-preserving: E[floor(x + U)] = x, with x itself spread around the stage mean.
        count = int(_STAGE_INTERACTIONS[stage] * scale * (0.5 + rnd()) + rnd())
        if count == 0 and stage < 2:
            continue
        kinds_table = stage_kinds[stage]
        kinds = [kinds_table[bits(b)] for _ in range(count)]
        if stage >= 2 and "1-2-1" not in kinds:
            if kinds:
                kinds[int(rnd() * len(kinds))] = "1-2-1"
            else:
                kinds.append("1-2-1")
        window = min(_INTERACTION_SPAN_DAYS, ref_ordinal - person.connected_on.toordinal())
        window = max(window, 1)  # only a hand-made person can be connected on or after it
        days_back = sorted([1 + int(rnd() * window) for _ in kinds], reverse=True)
        fields = _fields_of(person, rng)
        for kind, days in zip(kinds, days_back, strict=True):
            sub_kind = None
            key = kind
            if kind == "gave":
                sub_kind = gave[bits(b)]
                key = "gave:" + sub_kind
            elif kind == "received":
                sub_kind = received[bits(b)]
                key = "received:" + sub_kind
            summary = fill(summaries[key][bits(b)], fields, people, index, rnd)
            notes = fill(notes_table[bits(b)], fields, people, index, rnd) if rnd() < 0.3 else ""
            append(SampleInteraction(index, kind, sub_kind, back[days], summary, notes))
    return out


def generate_follow_ups(people: Sequence[SamplePerson], seed: int = 42) -> list[SampleFollowUp]:
    """Open follow-ups for about 10% of people past "connection", due from 3 weeks before to
    6 weeks after REFERENCE_DATE; sorted by person."""
    rng = random.Random(f"relate.sample.follow_ups:{seed}")
    rnd, bits = rng.random, rng.getrandbits
    follow_up_table = _texts()[2]
    out: list[SampleFollowUp] = []
    for index, person in enumerate(people):
        if person.stage == "connection" or rnd() >= 0.1:
            continue
        fields = _fields_of(person, rng)
        for _ in range(2 if rnd() < 0.15 else 1):
            due = REFERENCE_DATE + timedelta(days=rng.randint(-21, 42))
            text = _fill(follow_up_table[bits(_BITS)], fields, people, index, rnd)
            out.append(SampleFollowUp(index, due, text))
    return out
