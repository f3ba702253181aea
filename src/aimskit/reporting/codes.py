"""The finding-code registry: each code once, with where it is raised, its severity, a title, what
it checks, a hint and its documentation anchor.

The table of codes in docs/validation.md and SARIF's rule metadata are generated from
:data:`CODES`; tests/test_finding_codes.py holds the registry to the source (every code raised is
registered, by the modules that raise it, with the severity they give it) and to the docs.
Adding a code is one line in :data:`CODES`. A code never changes meaning: retire it and take a
new one (AIMS421 once named two checks; the treatment-plan approver check is now AIMS423).
"""

from __future__ import annotations

import typing as t

ERROR, WARNING = "error", "warning"
STRICT = "warning (error with `--strict-reviews`)"
STRICT_PLACEHOLDERS = "warning (error with `--strict-placeholders`)"
DOCS_PAGE = "validation.md"


class Code(t.NamedTuple):
    """One finding code: what raises it, how bad it is, and what it checks."""

    code: str
    source: str  # the module(s) under aimskit/ that raise it, comma-separated
    severity: str  # ERROR, WARNING or STRICT
    title: str
    description: str  # what the code checks, never one finding's text
    hint: str | None = None

    @property
    def anchor(self) -> str:
        """The code's anchor on the validation page (``validation.md#aims203``)."""
        return f"{DOCS_PAGE}#{self.code.lower()}"

    @property
    def modules(self) -> frozenset[str]:
        return frozenset(part.strip() for part in self.source.split(","))


CODES: tuple[Code, ...] = (
    Code("AIMS100", "records.loading", ERROR, "Not well-formed YAML", "the file is well-formed YAML with plain string keys", "check indentation and quote values that contain ': ' or start with a special character"),
    Code("AIMS101", "records.loading", ERROR, "Duplicate key", "a mapping has no duplicate key", None),
    Code("AIMS102", "records.loading", ERROR, "YAML anchor or alias", "the file uses no YAML anchors, aliases or merge keys", None),
    Code("AIMS103", "records.loading, records.model", ERROR, "File too large", "the file is within the size limit", "split the record; registers keep one record per file"),
    Code("AIMS104", "records.loading", ERROR, "Not UTF-8", "the file is valid UTF-8", "save the file as UTF-8"),
    Code("AIMS105", "records.loading", ERROR, "Explicit YAML tag", "the file uses no explicit YAML tags", None),
    Code("AIMS106", "records.loading", ERROR, "No front matter", "a Markdown record starts with YAML front matter closed by ---", "start the file with a line '---', the metadata, then another '---'"),
    Code("AIMS107", "records.model", ERROR, "Record not a mapping", "a record is a mapping of fields", "start with 'id: ...' and one field per line"),
    Code("AIMS108", "records.placement", WARNING, "File of another kind", "a file in a record folder is a record of that folder's kind", None),
    Code("AIMS120", "records.model, records.placement", ERROR, "File not read by any kind", "a file in a record folder is one its kind reads (its extension)", "keep the file itself in the repository, not a symbolic link to a file outside it"),
    Code("AIMS121", "records.model, records.placement", WARNING, "Folder or file no kind reads", "a file or folder holding records lies where aimskit reads records", "records and the files aimskit reads are regular files"),
    Code("AIMS122", "records.model, records.placement", ERROR, "Record in the wrong folder", "a record is saved in the folder of its kind", "check that the file exists and can be read"),
    Code("AIMS123", "records.loading", ERROR, "YAML nested too deeply", "a record's YAML is nested within the depth limit", "flatten the record: fields hold values or short lists"),
    Code("AIMS124", "records.loading", ERROR, "Number too long", "an unquoted integer has at most 100 digits (quote an identifier made of digits)", None),
    Code("AIMS201", "rules.identity", ERROR, "Id matches file name", "the id is the file name without its extension", None),
    Code("AIMS202", "rules.identity", ERROR, "Ids are unique", "no two records (or two roles) share an id", "give each record its own id; ids are never reused"),
    Code("AIMS203", "rules.references", ERROR, "Roles exist", "every role named (owners, approvers, action owners, attendees...) is a role", None),
    Code("AIMS204", "rules.references", ERROR, "Systems exist", "every system named is in the inventory", None),
    Code("AIMS205", "rules.references", ERROR, "Suppliers exist", "a system's provider (other than in-house) is a supplier", None),
    Code("AIMS206", "rules.references", ERROR, "Records exist", "record ids named (SoA implemented_by, impact risks, audit nonconformities) exist", None),
    Code("AIMS207", "rules.catalogue", ERROR, "Controls exist", "every control id is one of the 38 Annex A controls", None),
    Code("AIMS208", "rules.catalogue", ERROR, "Clauses exist", "every clause is a clause or subclause of clauses 4 to 10", None),
    Code("AIMS209", "rules.evidence", ERROR, "Evidence exists", "evidence is a relative path to an existing file or folder in the repository", "evidence paths are relative to the repository root, e.g. evidence/training-log.csv"),
    Code("AIMS210", "rules.catalogue", ERROR, "Annex c ids exist", "a risk's source and objectives are Annex C risk sources and objectives", None),
    Code("AIMS211", "rules.identity", ERROR, "Id prefix matches folder", "an id of another kind in this folder (a risk id among the policies)", None),
    Code("AIMS300", "records.schemas", ERROR, "Schema violation", "any other schema keyword", None),
    Code("AIMS301", "records.schemas", ERROR, "Missing required field", "the record has every required field", None),
    Code("AIMS302", "records.schemas", ERROR, "Unknown field", "the record has no unknown field", None),
    Code("AIMS303", "records.schemas", ERROR, "Wrong type", "the schema keyword `type` fails", None),
    Code("AIMS304", "records.schemas", ERROR, "Wrong format", "the schema keyword `format`, `pattern` fails", None),
    Code("AIMS305", "records.schemas", ERROR, "Value not allowed", "the schema keyword `enum`, `const` fails", None),
    Code("AIMS401", "rules.soa", ERROR, "Soa exists", "the repository has a Statement of Applicability", "clause 6.1.3 requires one; create soa.yaml with an entry for each Annex A control"),
    Code("AIMS402", "rules.soa", ERROR, "Soa lists each control once", "no control appears twice", "keep one entry per control"),
    Code("AIMS403", "rules.soa", ERROR, "Soa lists each control once", "none of the 38 is missing", "list every Annex A control; mark one that does not apply applicable: false with a justification"),
    Code("AIMS404", "rules.soa", ERROR, "Exclusion matches status", "applicable: false goes with status: excluded, and only with it", "set status: excluded"),
    Code("AIMS405", "rules.soa", ERROR, "Excluded controls not used", "a risk treatment does not rely on a control the SoA excludes", "make … applicable in soa.yaml or choose another control"),
    Code("AIMS406", "rules.soa", ERROR, "Implemented controls have evidence", "an implemented control names what implements it or its evidence", "add implemented_by: [POL-###] or evidence: [path/in/repo]"),
    Code("AIMS407", "rules.risks", ERROR, "Accepted above appetite", "a residual score above appetite has a formal acceptance", "treat the risk further, or record acceptance: {by: <role>, date: YYYY-MM-DD, rationale: ...}"),
    Code("AIMS408", "rules.risks", ERROR, "Acceptance by authority", "the role accepting a risk holds the acceptance authority", None),
    Code("AIMS409", "rules.systems", ERROR, "High risk systems assessed", "a live high-risk system (EU AI Act) has an approved, current impact assessment", "approve an impact assessment in impact-assessments/ that lists this system and is not overdue"),
    Code("AIMS410", "rules.systems", ERROR, "In scope systems have risks", "every in-scope system has at least one risk assessed", "assess its risks (risks/RISK-###.yaml with systems: […]) or mark it in_scope: false"),
    Code("AIMS411", "rules.governance", ERROR, "Approver is not owner", "an approved policy, impact assessment or SoA is approved by a role other than its owner", "a document is approved by a role other than the one that owns it"),
    Code("AIMS412", "rules.risks", ERROR, "Scores on scale", "likelihood and impact (inherent and residual) are values of the manifest's scales", "the scale in aims.yml risk_method has …"),
    Code("AIMS413", "rules.risks", ERROR, "Levels cover scores", "the risk levels cover every score from 1 to the highest, once each", "levels must cover each score from 1 to … (likelihood × impact) exactly once"),
    Code("AIMS414", "rules.risks", ERROR, "Residual not above inherent", "treatment does not make a risk worse", "residual is the risk after treatment; check both likelihood and impact"),
    Code("AIMS415", "rules.systems", WARNING, "Provider is a provider", "a system's supplier is recorded with relationship: provider", "set relationship: provider in … or correct the system's provider"),
    Code("AIMS416", "rules.risks", ERROR, "Accepted status has acceptance", "a risk with status accepted records who accepted it", "record acceptance: {by: <role>, date: YYYY-MM-DD, rationale: ...}"),
    Code("AIMS417", "rules.governance", ERROR, "Closed nonconformity has date", "a closed nonconformity records when it was closed", "add closed: YYYY-MM-DD and how effectiveness was checked"),
    Code("AIMS418", "rules.risks", ERROR, "Matrix matches scales", "the matrix size (e.g. 5x5) matches the number of likelihood and impact values", "make the matrix size match the scales"),
    Code("AIMS419", "rules.governance", ERROR, "Approver holds the authority", "the approver of an approved policy, impact assessment or SoA holds the approval authority", "add '…' to roles/….yaml authorities, or name a role that holds it"),
    Code("AIMS420", "rules.governance", ERROR, "Modify treatment names controls or actions", "a risk treated by 'modify' names the controls or actions that modify it", "list the Annex A controls applied (treatment.controls) or the actions planned (treatment.actions)"),
    Code("AIMS421", "rules.soa", ERROR, "Excluded controls not implemented", "a control the SoA excludes is not implemented by a policy or record, nor by a policy's controls", "remove … from the policy's controls or make it applicable in soa.yaml"),
    Code("AIMS422", "rules.treatment", ERROR, "Achieved residual after the actions", "an achieved residual score is recorded only once every treatment action is done", "finish the action and check its effectiveness first, or remove residual.achieved"),
    Code("AIMS423", "rules.treatment", ERROR, "Treatment approved by authority", "the role that approved a treatment plan holds approve-treatment or the risk acceptance authority", "name a role holding …, or add one to roles/….yaml"),
    Code("AIMS501", "rules.reviews", STRICT, "Reviews not overdue", "no record is past its review or due date (next_review; objectives: due; audits and management reviews: their planned date)", None),
    Code("AIMS502", "rules.reviews", STRICT, "Actions not overdue", "an open action (risk treatment, review, corrective) is not past its due date", "finish the action (status: done), cancel it, or agree a new due date"),
    Code("AIMS503", "rules.todo", STRICT_PLACEHOLDERS, "No todo markers", "a risk, AI system, role or supplier holds no TODO marker (a value still to write)", "replace the TODO with the organisation's own text"),
    Code("AIMS504", "rules.placeholders", STRICT_PLACEHOLDERS, "No placeholders", 'no record holds template placeholder text ("(replace with ...)", "Replace this sentence ...", "To be decided") or a TODO / TBD / FIXME note that AIMS503 does not already report (a warning, an error under --strict)', None),
    Code("AIMS601", "rules.codeowners", STRICT, "Codeowners in step", "CODEOWNERS exists (when aims.yml names a code host: ci github or gitlab) and its section matches the roles; an error under --strict, as 'codeowners --check' fails on the same", "move the line above the '# BEGIN aimskit codeowners' line, or change the roles instead"),
    Code("AIMS701", "rules.approvals", ERROR, "Approval recorded", "an approved policy, SoA or impact assessment records what was approved (version and digest)", "run '…' in the pull request the approver approves, or set status: draft"),
    Code("AIMS702", "rules.approvals", ERROR, "Approved text unchanged", "the content of an approved document is the content that was approved", "set status: draft with a new version until it is approved again, or have the approver approve this text and run '…'"),
    Code("AIMS703", "rules.approvals", ERROR, "Approved text unchanged", "its version is the approved version", "set status: draft until version … is approved, then run '…'"),
    Code("AIMS704", "rules.approvals", ERROR, "Approval dated", "an approved document says when it was approved", "add approved_on: YYYY-MM-DD (the day the approver approved it), or run '…'"),
    Code("AIMS705", "rules.approvals", ERROR, "Approval dated", "not in the future", "an approval is dated the day it was given; use today's date or earlier"),
    Code("AIMS706", "rules.approvals", ERROR, "Acceptance unchanged", "a risk acceptance covers the residual scores, rationale and role it was given for", "once '…' has accepted this residual risk, run '…'"),
    Code("AIMS707", "diff.compare", ERROR, "New version keeps the old approval date", "a document approved in a new version records the date of the new approval", "record the day the new version was approved: 'aimskit approve …'"),
    Code("AIMS801", "importing.achieved, importing.details, importing.records, importing.rows", ERROR, "Imported row misses a field", "a row gives a value for every field the record needs that has no default (title, owner, scores, treatment, AI system)", "fill in the …"),
    Code("AIMS802", "importing.details, importing.records", ERROR, "Imported value not allowed", "a value maps to one of the field's values (treatment, status, stage, tier, Annex C)", None),
    Code("AIMS803", "importing.achieved, importing.records", ERROR, "Imported date not a date", "a date is a date, and not an ambiguous one such as 03/04/2026", None),
    Code("AIMS804", "importing.records", ERROR, "Imported score off the scale", "a score is on the risk method's scale (or rescaled with --rescale)", None),
    Code("AIMS805", "importing.records", ERROR, "Imported owner not a role", "an owner is a role (by id, title or holder)", None),
    Code("AIMS806", "importing.records", ERROR, "Imported reference unknown", "an AI system or provider is in the repository (or --create-missing)", None),
    Code("AIMS807", "importing.records", ERROR, "Imported id taken", "a sheet id is neither taken in the repository nor repeated in the sheet", None),
    Code("AIMS808", "importing.rows", ERROR, "Imported control unknown", "a control is an Annex A control", None),
    Code("AIMS809", "importing.details", ERROR, "Imported detail row unmatched", "a row of a treatment actions or data sources table names a row of the register", "name its columns …, …"),
    Code("AIMS810", "importing.records", WARNING, "Column not imported", "every column of the header is imported (a warning)", "map it to a field with --map COLUMN=FIELD"),
    Code("AIMS850", "scan.check", ERROR, "AI use belongs to a system", "every AI use in scanned code belongs to a system of the inventory (its ``code:``)", None),
    Code("AIMS851", "scan.check", ERROR, "Provider declared", "a hosted AI provider used in a system's code is one the system declares (``components.providers``, or the supplier it names as ``provider``)", None),
    Code("AIMS852", "scan.check", ERROR, "Model declared", "a model used in a system's code is one it declares (``models`` or ``components.models``)", None),
    Code("AIMS853", "scan.check", ERROR, "Package declared", "a package used is one the system declares, when it lists its packages", None),
    Code("AIMS854", "scan.check", WARNING, "Declared component still found", "what a system declares is still found in its code, when all of its code was scanned", None),
    Code("AIMS855", "scan.scanner", ERROR, "Manifest readable", "a manifest, lock file or SBOM can be read as its format", None),
    Code("AIMS856", "scan.scanner", WARNING, "File scanned", "every file that may hold AI use was scanned (not a symbolic link, not over the size limit, parsable)", None),
    Code("AIMS857", "rules.references", ERROR, "Component provider is a supplier", "a supplier id among a system's components.providers is a supplier record", None),
    Code("AIMS900", "site.config, site.settings_yaml", ERROR, "Unreadable site configuration", "mkdocs.yml exists, is valid YAML and a mapping of settings", "check its indentation and quoting"),
    Code("AIMS901", "site.allowlist, site.settings_check", ERROR, "Site setting reaches outside", "no site setting reads, writes or downloads outside the repository", "keep them apart, e.g. docs_dir: docs and site_dir: site"),
    Code("AIMS902", "site.settings_check", ERROR, "Site extension not allowed", "mkdocs.yml uses only allowed Markdown extensions and plugins, and no hooks", "remove hooks; the site is built without running code from the repository"),
    Code("AIMS903", "site.settings_yaml", ERROR, "YAML tag in site configuration", "mkdocs.yml uses no YAML tag that loads code or is not allowed", "remove the tag; the site is built without running code from the repository"),
    Code("AIMS904", "site.settings_yaml", ERROR, "Site configuration nested too deeply", "mkdocs.yml is nested within the depth limit", "flatten the setting"),
    Code("AIMS905", "site.engine", ERROR, "Page not published", "a page of docs/ is one the site engine publishes", "keep only regular files of the repository in the site's folders"),
    Code("AIMS930", "site.settings_yaml", ERROR, "No merge keys in site configuration", "mkdocs.yml uses no merge key (<<): the engine would merge settings aimskit did not vet", None),
    Code("AIMS931", "site.settings_yaml", ERROR, "No anchors in site configuration", "mkdocs.yml uses no YAML anchors or aliases", None),
    Code("AIMS932", "site.settings_yaml", ERROR, "No setting twice", "no setting of mkdocs.yml is given twice", None),
    Code("AIMS933", "site.allowlist, site.settings_check", ERROR, "Setting aimskit builds with", "every setting of mkdocs.yml is one aimskit builds with", None),
    Code("AIMS934", "site.allowlist, site.settings_check, site.settings_yaml", ERROR, "Setting value allowed", "each setting of mkdocs.yml holds a value of the type and form aimskit accepts", None),
    Code("AIMS935", "site.config, site.settings_check", ERROR, "Theme folder holds static files only", "the theme folder (custom_dir) holds only stylesheets, scripts, images and fonts: no template runs", None),
    Code("AIMS936", "site.config", WARNING, "zensical.toml not read", "the repository's zensical.toml is not read: both engines build from mkdocs.yml", None),
    Code("AIMS940", "importing.sheets", ERROR, "Sheet over the import limits", "a sheet is within the import limits (rows, columns, cells, merged ranges, size)", None),
    Code("AIMS950", "gate.protection", ERROR, "Main branch protected", "the main branch is protected on the code host", None),
    Code("AIMS951", "gate.protection", ERROR, "Reviews required", "merging needs a pull or merge request with at least one approving review", None),
    Code("AIMS952", "gate.protection", ERROR, "Code-owner review required", "a code owner's review is required", None),
    Code("AIMS953", "gate.protection", ERROR, "Stale approvals dismissed", "approvals are dismissed when commits are pushed", None),
    Code("AIMS954", "gate.protection", ERROR, "Gate is a required check", "the review gate is a required status check (GitLab: the pipeline must succeed)", None),
    Code("AIMS955", "gate.protection", ERROR, "No bypass", "nobody may bypass the protection (no bypass list, administrators included, no direct push, authors and committers cannot approve)", None),
    Code("AIMS956", "gate.protection", ERROR, "No force push", "force pushes to the main branch are blocked", None),
    Code("AIMS957", "gate.protection", ERROR, "Protection readable", "the token can read every setting that decides the above", None),
    Code("AIMS970", "rules.starter_text", STRICT_PLACEHOLDERS, "Default governance lead replaced", "no role holder is the template's default governance lead, a name nobody chose (a warning, an error under --strict-placeholders)", None),
    Code("AIMS971", "rules.starter_text", STRICT_PLACEHOLDERS, "SoA guidance replaced by a decision", "no SoA justification is the template's guidance text left in place of a decision (a warning, an error under --strict-placeholders)", None),
    Code("AIMS980", "importing.columns", ERROR, "Header row found", "the sheet has a header row among its first rows", None),
    Code("AIMS981", "rules.risks", ERROR, "Risk names systems or the organisation", "a risk names the AI systems it concerns, or is organisation_wide (not both, not neither)", None),
    Code("AIMS982", "importing.rows", WARNING, "Abbreviation read as a role", "a name read by a common abbreviation (DPO, CISO) is said (a warning)", None),
    Code("AIMS990", "rules.changes", WARNING, "Change note per version", "a policy whose version is not its first has a change note for that version", None),
)

REGISTRY: dict[str, Code] = {entry.code: entry for entry in CODES}


def lookup(code: str) -> Code | None:
    """The registry entry of ``code``, or None for a code aimskit does not know."""
    return REGISTRY.get(code)


def description(code: str) -> str | None:
    """What ``code`` checks, or None for a code aimskit does not know."""
    entry = REGISTRY.get(code)
    return entry.description if entry else None
