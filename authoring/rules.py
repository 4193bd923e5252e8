"""The rule catalogue: every diagnostic code, its default severity and what it means.

`pcd rules` prints this table and docs/rules.md explains each rule with an example.
Codes are stable: never renumber, only add.
"""

from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    code: str
    severity: str  # "error" or "warning"
    title: str


RULES: dict[str, Rule] = {r.code: r for r in [
    # PCD0xx: reading the file
    Rule("PCD001", "error", "the file is not valid YAML"),
    Rule("PCD002", "error", "a key appears twice in one mapping"),
    Rule("PCD003", "error", "YAML tags are not allowed"),
    Rule("PCD004", "error", "YAML anchors and aliases are not allowed"),
    Rule("PCD005", "error", "the file cannot be read as UTF-8 text"),
    Rule("PCD006", "error", "the document is too large or too deeply nested"),
    # PCD01x: shape of the spec
    Rule("PCD010", "error", "unknown key"),
    Rule("PCD011", "error", "a required key is missing"),
    Rule("PCD012", "error", "a value has the wrong type"),
    Rule("PCD013", "error", "money written as a float or with a currency sign"),
    Rule("PCD014", "error", "money that is negative, fractional below a penny, or not a number"),
    Rule("PCD015", "error", "a date that is not a real ISO date (YYYY-MM-DD) in range"),
    Rule("PCD016", "error", "a value that is not one of the allowed choices"),
    Rule("PCD017", "error", "an unknown house style"),
    Rule("PCD018", "error", "text with a control character"),
    Rule("PCD019", "error", "two specs in one folder declare the same reference"),
    # PCD06x: house styles (style.yaml, templates, reference.docx)
    Rule("PCD060", "error", "a house style extends a missing style, or styles extend in a circle"),
    Rule("PCD061", "error", "a house style's template does not parse"),
    Rule("PCD062", "error", "a template tried something the sandbox refuses, or failed while rendering"),
    Rule("PCD063", "error", "a house style's reference.docx is not a plain, safe DOCX"),
    Rule("PCD064", "error", "a house style file that links outside its folder, or is too large"),
    Rule("PCD065", "warning", "a house style on the search path hides a shipped style of the same name"),
    Rule("PCD066", "warning", "wording a house style inherits names the organisation it extends"),
    # PCD1xx: money
    Rule("PCD101", "error", "total costs differ from total funding"),
    Rule("PCD102", "error", "a cost line is not exactly funded"),
    Rule("PCD103", "error", "a funder's total differs from what the recommendations accept"),
    Rule("PCD104", "error", "a funding line refers to an unknown funder or cost"),
    Rule("PCD105", "error", "a cost line has more than one 'remainder' funding line"),
    Rule("PCD106", "error", "a recommendation accepts funding that the funding table does not have"),
    Rule("PCD107", "error", "what a funder provides differs from what is spent, awarded and kept from it"),
    Rule("PCD108", "error", "an amount in a period the paper does not declare, or not split by period"),
    Rule("PCD109", "error", "amounts including and excluding VAT added together"),
    Rule("PCD110", "error", "an onward award to a recipient the table does not list, or the reverse"),
    Rule("PCD111", "error", "an onward award that no recommendation approves"),
    Rule("PCD112", "error", "a budget source citing this paper itself, or misplaced 'approved_by'"),
    # PCD2xx: prose
    Rule("PCD201", "error", "a reference to something the spec does not define"),
    Rule("PCD202", "error", "a money amount typed literally in prose"),
    Rule("PCD203", "error", "an empty paragraph"),
    Rule("PCD204", "error", "an id used twice"),
    Rule("PCD205", "error", "malformed inline markup or reference"),
    Rule("PCD206", "warning", "an abbreviation that is never defined"),
    Rule("PCD207", "warning", "the same word twice in a row"),
    Rule("PCD208", "warning", "a paragraph repeated word for word"),
    Rule("PCD209", "warning", "money written in a form the house style forbids"),
    Rule("PCD210", "warning", "a value or section still to be written or confirmed (refused by site)"),
    Rule("PCD211", "warning", "a finding silenced without a reason"),
    Rule("PCD212", "warning", "a suppression that silences nothing"),
    Rule("PCD213", "warning", "a suppression typed inside paper text, which is text, not a suppression"),
    Rule("PCD214", "error", "a suppression of a rule that guards publication, Part 2 or deferral"),
    Rule("PCD215", "warning", "an abbreviation spelled out otherwise than its definition"),
    # PCD3xx: dates
    Rule("PCD301", "error", "signature dates out of order"),
    Rule("PCD302", "error", "a deferral date that is not after the decision is signed"),
    Rule("PCD303", "error", "a contract end date inconsistent with its extension"),
    Rule("PCD304", "error", "a deferred paper without a reason or an until date"),
    Rule("PCD305", "error", "the paper is drafted after it is signed"),
    Rule("PCD306", "error", "a contract that had ended is extended or varied"),
    Rule("PCD307", "error", "Part 2 mentioned with no Part 2, or Part 2 material with no marker"),
    Rule("PCD308", "error", "prose that says publication is deferred, or not, against the publication block"),
    # PCD4xx: governance
    Rule("PCD401", "error", "the decision maker cannot approve one of the paper's actions"),
    Rule("PCD402", "error", "a contract change that no recommendation asks for"),
    Rule("PCD403", "warning", "a declaration that contradicts its section"),
    Rule("PCD404", "error", "a required declaration is not confirmed"),
    Rule("PCD405", "warning", "a contract modification above 50% of the original value (PCR 2015 reg. 72)"),
    Rule("PCD406", "error", "a contract that is neither a change nor an award, or whose value is unclear"),
    Rule("PCD410", "error", "a required signatory has not signed, though the decision maker has"),
    Rule("PCD411", "error", "a decision outside the decision maker's portfolio, or no portfolio given"),
    Rule("PCD412", "error", "a key decision not marked so, or without what a key decision needs"),
    Rule("PCD413", "error", "a block the house style's form does not have, or a Part 2 without its basis"),
    # PCD5xx: facts typed into prose
    Rule("PCD501", "error", "a date typed in prose that the model holds"),
    Rule("PCD502", "error", "a typed date that contradicts a contract's dates"),
    Rule("PCD503", "error", "a typed duration the model holds, or one that contradicts it"),
    Rule("PCD504", "error", "a typed percentage the model holds, or one that contradicts it"),
    Rule("PCD505", "error", "a count of things the paper lists typed, or one that contradicts it"),
    Rule("PCD506", "error", "a recommendation or paragraph number typed instead of referred to"),
    Rule("PCD507", "error", "the paper's own reference code typed"),
    Rule("PCD508", "error", "'up to' where the amount is exact, or a maximum approved without it"),
    Rule("PCD509", "error", "prose names another body than the one the table credits the money to"),
    Rule("PCD510", "error", "a number with both a thousands separator and 'm' or 'bn'"),
    Rule("PCD511", "error", "a financial year typed beside this paper's money that is not its period"),
    Rule("PCD512", "error", "a contract term typed ('2 + 2 + 1 years') that contradicts the award"),
    Rule("PCD513", "error", "a paper code at or after this paper's own number cited as an earlier decision, "
         "or another than the approval the paper records"),
    Rule("PCD514", "error", "an approver named that the paper's route or decision maker contradicts"),
    Rule("PCD515", "error", "a procurement route typed that contradicts the award"),
    Rule("PCD516", "error", "VAT wording that contradicts the finance table"),
    Rule("PCD517", "error", "a finance.figures entry that repeats a computed or Part 2 amount, or "
         "a total of figures that does not add up"),
    Rule("PCD518", "warning", "a typed fact the model cannot verify (pcd facts --unverified-warn)"),
    Rule("PCD519", "warning", "one thing counted with two numbers in the paper"),
    Rule("PCD520", "error", "an event told as past dated after the paper's decision"),
    Rule("PCD521", "warning", "a paper code a keyboard slip from one the paper lists"),
    Rule("PCD522", "error", "a figure said to be above or below an amount that the paper's own contradicts"),
    Rule("PCD523", "error", "prose that says the paper spends, adds or keeps no money where its table does"),
    Rule("PCD524", "error", "a body named by a slip of a name the paper holds, or as the supplier of "
         "another's contract"),
    Rule("PCD526", "error", "a date that does not exist ('31 September 2025')"),
    Rule("PCD527", "warning", "a background paper numbered after this paper"),
    Rule("PCD528", "error", "a reference to the wrong line of the table: one period's part in a sentence "
         "about another, a part said to be the whole, or a line whose words name another"),
    Rule("PCD529", "error", "a ground of regulation 72, or a change said unforeseen, that contradicts the "
         "contract's change"),
    # PCD7xx: papers checked against each other (a folder, or the papers linked to those given)
    Rule("PCD700", "note", "a paper cited that is not in the archive (listed, not checked)"),
    Rule("PCD701", "error", "a contract's value differs from what the earlier decisions on it made it"),
    Rule("PCD702", "error", "a contract's end date differs from where the previous decision left it"),
    Rule("PCD703", "error", "a contract number used for another supplier's contract"),
    Rule("PCD704", "error", "a paper cited as approving or as earlier that is later, or not signed"),
    Rule("PCD705", "error", "an earlier approval cited for more, or other, than it approved"),
    Rule("PCD706", "error", "papers that cite each other's approval in a circle"),
    Rule("PCD707", "warning", "a contract's modifications across papers above 50% of its original value"),
    Rule("PCD708", "warning", "a contract's modifications together need a higher authority than this one's"),
    Rule("PCD709", "warning", "awards to one body within a year that together need a higher authority"),
    Rule("PCD710", "warning", "a change relies on de minimis though the changes together exceed it"),
]}


def severity_of(code: str) -> str:
    return RULES[code].severity
