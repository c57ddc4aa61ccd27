"""A small thesaurus of children's-services words: what people type for what banks say.

Each concept is a list of words and phrases that mean the same for the purpose of choosing an
option: "interim", "acting up", "locum" and "caretaker" all say a post is not held
permanently. Both the bank's words (labels, synonyms, examples) and a reply are rewritten with
it, so a reply that shares no word with a label can still share a concept. General vocabulary
of the sector only: nothing here is written for one question or one reply.
"""

from __future__ import annotations

CONCEPTS: dict[str, tuple[str, ...]] = {
    # Posts and people
    "interim": (
        "interim", "acting", "acting up", "locum", "temporary", "temp", "caretaker",
        "stand in", "standing in", "stopgap", "secondment", "seconded", "fixed term",
        "agency director", "holding the fort",
    ),
    "vacant": (
        "vacant", "vacancy", "unfilled", "empty", "gap at the top", "no one in post",
        "nobody in post", "not filled", "still recruiting", "advertised", "readvertised",
        "without a", "been without", "left and not replaced", "not been replaced",
    ),
    "stretch": (
        "stretched", "stretch", "doubled", "doubling up", "double up", "two jobs", "two roles",
        "three roles", "several roles", "several hats", "three hats", "two hats", "many hats",
        "wearing", "juggling", "covering two", "spread thin", "spread too thin", "thinly spread",
        "at the same time", "as well as", "also the", "on top of the day job",
    ),
    "new": (
        "new", "newly", "recent", "recently", "just started", "only arrived", "arrived",
        "joined", "appointed", "started in", "came in", "changed", "fresh",
    ),
    "settled": (
        "stable", "settled", "same people", "same team", "not changed", "has not changed",
        "unchanged", "for years", "long standing", "longstanding", "consistent",
        "steady", "same faces", "no change",
    ),
    "permanent": ("permanent", "permanently", "substantive", "substantively", "proper"),
    "director": (
        "dcs", "director", "director of children services", "chief executive", "ceo",
        "chief exec", "ad", "assistant director", "exec", "senior team", "slt", "leadership team",
        "senior leader", "senior leaders", "senior management", "the top", "bosses", "management",
    ),
    "head": ("hos", "head of service", "heads of service", "service manager", "service lead"),
    # Time, capacity and cover
    "statutory": (
        "statutory", "casework", "caseload", "caseloads", "cases", "front door", "frontline",
        "front line", "day job", "bau", "business as usual", "core work", "core business",
        "day to day work", "firefighting", "fire fighting",
    ),
    "spare": ("spare", "slack", "headroom", "breathing space", "room", "left over", "capacity"),
    "goodwill": (
        "goodwill", "own time", "evenings", "weekends", "lunchtime", "lunch", "unpaid",
        "voluntarily", "volunteer", "goodwill of", "good will", "favour", "favours",
        "on top of", "on top", "fit it in", "squeeze", "squeezed", "round the edges",
        "spare moments", "when they can", "if they can", "in the gaps", "borrowed", "extra",
    ),
    "protect": (
        "protected", "protect", "ring fenced", "ringfenced", "ring fence", "set aside",
        "carved out", "blocked out", "backfill", "backfilled", "guaranteed", "safeguarded",
    ),
    "dedicated": (
        "dedicated", "full time", "whole job", "their job", "sole focus", "only job",
        "resourced", "funded post", "funded posts", "budget", "money", "funding",
    ),
    "cover": ("cover", "covered", "backfill", "backup", "back up", "fallback", "plan b", "contingency"),
    "crisis": (
        "crisis", "firefighting", "special measures", "inadequate", "improvement notice",
        "improvement plan", "post inspection", "after ofsted", "ofsted said", "chaos", "drowning",
        "on our knees", "falling apart",
    ),
    "risk": ("risk", "risky", "jeopardise", "danger", "unsafe", "fall over", "break"),
    "strain": ("strain", "strained", "struggle", "painful", "hard going", "tough", "just about", "creak", "grit our teeth"),
    "short": ("short", "brief", "few weeks", "little while", "short while", "short term"),
    # Workforce
    "agency": ("agency", "agency staff", "locums", "churn", "turnover", "revolving door", "leaving", "left"),
    "high": ("high", "lots", "loads", "huge", "massive", "constant", "terrible", "awful", "through the roof"),
    "manage": ("manageable", "manage", "managing", "ok", "fine", "alright", "coping", "cope", "under control"),
    "low": ("low", "hardly anyone leaves", "rarely leave", "nobody leaves"),
    # Writing, agreeing, doing
    "discuss": (
        "talked", "talk", "discussed", "discussion", "conversation", "conversations",
        "chat", "chats", "chatted", "mentioned", "verbal", "verbally", "spoken", "word of mouth",
        "raised", "floated", "in our heads", "in people heads", "informal", "informally",
        "ideas", "idea",
    ),
    "write": (
        "written", "write", "wrote", "writing", "document", "documented", "on paper",
        "paper", "in writing", "drafted", "draft", "strategy", "policy", "word document",
    ),
    "agree": (
        "agreed", "agree", "signed off", "sign off", "approved", "approve", "ratified",
        "endorsed", "rubber stamped", "adopted", "consensus", "bought in", "buy in", "backed",
    ),
    "embed": (
        "embedded", "embed", "routine", "routinely", "business as usual", "day to day",
        "everyday", "every day", "second nature", "how we work", "the way we work", "bau",
        "built in", "part of", "normal", "habit", "standard practice", "just what we do",
    ),
    "review": ("reviewed", "review", "revisit", "revisited", "refresh", "refreshed", "updated", "update"),
    "plan": ("plan", "planned", "planning", "scheduled", "timetabled", "in the diary", "booked"),
    "start": ("started", "start", "beginning", "begun", "piloting", "small way", "early stages", "first steps", "trial run"),
    "place": ("in place", "in use", "operating", "running", "live", "working", "happening", "exists", "established"),
    "partly": ("partly", "parts", "pockets", "patchy", "some areas", "some teams", "uneven", "in places", "partially", "bits"),
    "whole": ("whole", "entire", "everywhere", "across the service", "service wide", "all teams", "across the board", "everyone", "universally"),
    # Reach and share
    "nobody": ("nobody", "no one", "noone", "not a soul", "not anyone", "none"),
    "few": ("few", "handful", "couple", "small number", "one or two", "two or three", "minority", "some", "the odd"),
    "half": ("half", "fifty fifty", "50 50", "split"),
    "most": ("most", "majority", "nearly all", "almost all", "bulk", "mostly"),
    "all": ("all", "every", "everyone", "everybody", "each", "whole lot", "all of them"),
    "team": ("team", "project team", "project", "pilot team", "us", "our team", "core group"),
    "several": ("several", "other teams", "wider", "beyond", "across", "multiple", "a number of", "various"),
    "partner": (
        "partner", "partners", "partnership", "agencies", "agency", "health", "police", "schools",
        "education", "nhs", "multi agency", "multiagency", "safeguarding partners", "icb",
        "probation", "voluntary sector", "charities", "charity", "universities", "university",
    ),
    "family": (
        "families", "family", "parents", "parent", "carers", "children", "young people", "kids",
        "child", "care leavers", "care experienced", "service users", "people we work with",
    ),
    "staff": ("staff", "workers", "social workers", "practitioners", "workforce", "frontline staff", "colleagues", "hiring", "recruit staff"),
    # Risk culture
    "block": ("blocked", "block", "refused", "stopped", "shut down", "vetoed", "killed", "knocked back", "stuck", "never comes", "goes nowhere", "disappears", "black hole"),
    "cautious": ("cautious", "risk averse", "every risk", "zero risk", "risk free", "watertight", "cover every base", "belt and braces"),
    "depend": ("depends", "depend", "varies", "vary", "case by case", "who you ask", "who asks", "lottery", "inconsistent", "luck"),
    "route": ("route", "process", "procedure", "panel", "framework", "known way", "proper channels", "governance route", "board"),
    "encourage": ("encouraged", "encourage", "supported", "support", "welcomed", "welcome", "go for it", "permission", "empowered", "green light", "backed"),
    # Learning and evidence
    "bury": ("buried", "bury", "hidden", "hide", "ignored", "ignore", "swept under", "forgotten", "quietly dropped", "never mentioned", "not talked about", "moved on"),
    "share": ("shared", "share", "sharing", "openly", "open", "disseminated", "spread", "circulated", "published", "learning events", "across the service"),
    "read": ("read", "skimmed", "glanced", "looked at", "aware of", "heard of", "familiar"),
    "shape": ("shaped", "shape", "informed", "based on", "built on", "drew on", "draw on", "drawn on", "used", "evidence based", "grounded"),
    "anecdote": ("anecdote", "anecdotal", "stories", "story", "impressions", "gut", "gut feeling", "feel", "sense", "hunch", "word of mouth"),
    "trial": ("trial", "rct", "randomised", "controlled", "control group", "comparison group", "counterfactual", "experiment"),
    "compare": ("compare", "compared", "comparison", "benchmark", "benchmarked", "against", "similar", "matched", "versus"),
    "national": ("national", "published", "statistics", "stats", "dfe", "government", "england average", "lait", "statistical neighbours", "ons"),
    "baseline": ("baseline", "before and after", "before after", "pre and post", "our own figures", "our own data"),
    "undecided": ("not decided", "undecided", "not yet decided", "not worked out", "tbc", "to be decided", "no plan yet"),
    "data": ("data", "figures", "numbers", "stats", "information", "records", "spreadsheet", "dashboard", "performance", "mosaic", "liquidlogic", "case management system"),
    "monitor": ("monitoring", "monitor", "kpi", "kpis", "tracking", "track", "performance report", "internal"),
    "evaluate": ("evaluation", "evaluate", "evaluator", "evaluated", "independent evaluation", "university evaluation", "research"),
    # Governance and sign-off
    "unaware": ("unaware", "not told", "not aware", "no idea about", "in the dark", "not heard", "not briefed", "not informed", "not raised"),
    "told": ("told", "informed", "briefed", "briefing", "update", "updated", "presented", "noted", "mentioned to"),
    "champion": ("champion", "champions", "sponsor", "sponsors", "advocate", "lead member", "cheerleader", "driving it", "pushing it"),
    "councillor": ("member", "members", "councillor", "councillors", "cabinet", "portfolio holder", "lead member", "trustee", "trustees", "board", "chair", "governing body"),
    "approval": ("approval", "approvals", "sign off", "signed off", "decision", "cabinet", "committee", "board"),
    # Regulation and set-up
    "regulator": ("ofsted", "regulator", "regulators", "registration", "register", "inspectorate", "inspection", "cqc", "registered"),
    "legal": ("legal", "lawyers", "solicitors", "company", "mutual", "lease", "leases", "governance", "constitution", "incorporate"),
    "commission": ("commissioning", "commission", "procurement", "procure", "tender", "tendering", "contract", "contracts", "retender"),
    "recruit": ("recruitment", "recruiting", "recruit", "hiring", "hire", "training", "train", "induction", "new workers", "new staff", "workers in post"),
    "premises": ("premises", "building", "buildings", "house", "property", "office", "site", "refurbishment", "converting", "planning permission", "new build"),
    "deadline": ("deadline", "imposed", "set for us", "handed down", "given to us", "political", "funder", "funding deadline", "had to", "grant deadline", "go live date"),
    "estimate": ("estimate", "estimated", "guess", "guessed", "guesstimate", "finger in the air", "best guess", "rough", "worked it out ourselves"),
    "experience": ("experience", "gut", "know from experience", "feel", "instinct", "practice wisdom"),
    "check": ("checked", "check", "validated", "verified", "confirmed", "tested", "cross checked", "audited", "audit", "dip sample", "dip sampled", "quality assured"),
    "hr": ("hr", "procurement", "legal", "finance", "regulatory", "corporate"),
    "peer": ("peers", "peer", "other authorities", "other las", "other councils", "other areas", "others who", "done it before", "similar places", "elsewhere", "network"),
    # Information governance
    "stall": ("stall", "stalls", "refused", "blocked", "never get", "wall", "brick wall", "computer says no", "nightmare"),
    "slow": ("slow", "slowly", "delay", "delays", "months", "ages", "forever", "long time", "drags", "glacial", "eventually"),
    "helpful": ("helpful", "help", "partners", "early", "from the start", "involved", "brilliant", "great", "proactive", "round the table", "with us"),
    # Collaboration
    "them_us": ("them and us", "privileged", "resentment", "resent", "jealous", "jealousy", "special", "chosen few", "golden", "favoured", "elite", "cliquey", "precious"),
    "mixed": ("mixed", "sceptical", "sceptics", "some love", "some hate", "divided", "split", "depends who", "marmite", "cynical"),
    "owned": ("owned", "ours", "our own", "everyone business", "where we are going", "direction", "part of the plan", "heading"),
    "separate": ("separately", "separate", "silos", "silo", "own thing", "parallel", "alone", "on our own", "by ourselves", "single agency", "in house"),
    "integrate": ("integrated", "co located", "colocated", "one team", "joint", "jointly", "together", "same office", "multi disciplinary", "seamless"),
    "regular": ("regular", "regularly", "meetings", "meet", "scheduled", "standing", "fortnightly", "weekly meeting", "monthly meeting"),
    "problem": ("problems", "problem", "wrong", "crisis", "when needed", "reactive", "only when", "if something", "escalat", "concern", "concerns", "complaint"),
    "formal": ("formal", "formally", "contract", "contracts", "agreement", "section 75", "pooled", "joint commissioning", "memorandum", "mou", "consortium"),
    "model": ("model", "models", "family safeguarding", "no wrong door", "partners in practice", "signs of safety", "mst", "frameworks"),
    "before": ("before", "from the start", "at the start", "beginning", "outset", "from day one", "early", "first", "prior"),
    "after": ("after", "afterwards", "once it was", "late", "later", "when it was done", "already decided", "presented with", "fait accompli"),
    "during": ("during", "while", "as we designed", "workshops", "along the way", "as we went"),
    "codesign": ("co design", "codesign", "co designed", "co produced", "coproduction", "co production", "designed with", "workshops"),
    "feedback": ("feedback", "surveys", "survey", "questionnaire", "form", "forms", "evaluation form", "what they say", "tell us", "comments", "act on", "acted on"),
    "consult": ("consulted", "consult", "consultation", "asked", "asked them", "focus groups", "listened", "needs assessment"),
    "refer": ("referrers", "referrer", "refer", "referring", "referral", "referrals", "social workers", "front door"),
    "explain": ("explained", "explain", "briefed", "leaflet", "leaflets", "information", "told", "plain language", "easy read"),
    "pathway": ("pathway", "route in", "referral route", "referral form", "flowchart"),
    "deliver": ("delivering", "on target", "on track", "hitting", "working", "numbers coming", "full", "target"),
    # Research roles
    "researcher": ("researcher", "researchers", "research", "practitioner researcher", "embedded researcher", "academic", "phd"),
    "considering": ("considering", "thinking", "exploring", "looking into", "on the table", "under consideration", "weighing up", "talking about"),
    "in_post": ("in post", "appointed", "started", "we have", "we have got", "recruited", "in place", "employed"),
    "against": ("decided against", "rejected", "ruled out", "said no", "not going ahead", "parked", "turned down"),
    "pulled": ("pulled back", "pulled", "dragged back", "sucked back", "taken off", "redeployed", "back on duty", "back into"),
    "override": ("overridden", "override", "overruled", "on paper", "in theory", "nominally", "when it gets busy", "when busy", "first to go"),
    "alone": ("alone", "single", "one person", "on their own", "no backup", "no back up", "lone", "isolated", "only one"),
}
"""Concept name to the words and phrases that express it (written as people type them)."""
