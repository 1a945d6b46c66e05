"""Who did what to whom: agent, target and associated actors of one trigger in one sentence.

Works on surface order and function words only (no parser), so it stays fast and works the
same way in every language that has a syntax table:

- active verb: the agent is the nearest actor before the trigger in its clause (or the
  sentence subject when the clause is a purpose clause: "... untuk menghancurkan ...");
  targets are the actors after it;
- passive verb: the subject before the trigger is the target, and "by/oleh X" (or, in
  Indonesian, an actor right after the verb: "ditembak OTK") is the agent;
- nominal trigger ("Russian airstrikes", "serangan Rusia", "attack by X on Y"): the agent is a
  modifier right before or after it, or "by X"; targets follow "on/against/terhadap".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from groundfacts.frames.syntax import Syntax
from groundfacts.records import ActorMention, Trigger

_WORD = re.compile(r"\w+")
_LIST_GAP = re.compile(r"^[\s,&]*$")


@dataclass(slots=True)
class Roles:
    agent: ActorMention | None = None
    targets: list[ActorMention] = field(default_factory=list)
    assoc_agent: list[ActorMention] = field(default_factory=list)
    assoc_target: list[ActorMention] = field(default_factory=list)
    inherited_subject: bool = False


def clause_breaks(text: str, syntax: Syntax) -> list[tuple[int, int]]:
    """Spans of the clause boundaries of a sentence; compute once per sentence."""
    return [(m.start(), m.end()) for m in syntax.clause_break.finditer(text)]


def clause_bounds(
    text: str, pos: int, syntax: Syntax, breaks: list[tuple[int, int]] | None = None
) -> tuple[int, int]:
    """Sentence-local [start, end) of the clause around ``pos``."""
    start, end = 0, len(text)
    for b0, b1 in breaks if breaks is not None else clause_breaks(text, syntax):
        if b1 <= pos:
            start = b1
        elif b0 >= pos:
            end = b0
            break
    return start, end


def _gap_words(text: str, a: int, b: int) -> int:
    return len(_WORD.findall(text[a:b])) if b > a else 0


def _joined(text: str, a: ActorMention, b: ActorMention, syntax: Syntax, off: int) -> bool:
    """True when ``b`` follows ``a`` as another item of the same list ("X, Y dan Z")."""
    between = text[a.end - off : b.start - off]
    if not between.strip():
        return True
    rest = syntax.list_joiner.sub(" ", between)
    # allow a head noun between items: "wilayah Ahrar Syam", "the villages of"
    words = [w.lower() for w in _WORD.findall(rest)]
    return len(words) <= 3 and bool(syntax.list_joiner.search(between))


def _subject(
    before: list[ActorMention], text: str, syntax: Syntax, offset: int
) -> tuple[ActorMention, list[ActorMention]]:
    """The actor right before a verb, or, for "soldiers and volunteers attacked", the first of
    the pair (the second acts with it)."""
    last = before[-1]
    if len(before) >= 2:
        between = text[before[-2].end - offset : last.start - offset]
        if (
            "," not in between
            and syntax.between_joiner.search(between)
            and len(between.split()) <= 2
        ):
            return before[-2], [last]
    return last, []


def _between_pair(
    after: list[ActorMention], text: str, t1: int, offset: int, syntax: Syntax, fight: bool
) -> tuple[ActorMention, ActorMention] | None:
    """ "clashes between X and Y" / "kontak tembak antara X dan Y": both are parties."""
    if len(after) < 2:
        return None
    a, b = after[0], after[1]
    lead = text[t1 : a.start - offset]
    if "(" in lead:
        # "between armed groups (believed to be X and Y)": the bracket names the parties
        head = lead.split("(")[0].split()
        lead = " ".join(head[: max(1, len(head) - 2)]) if len(head) > 1 else " ".join(head)
        if not any(syntax.between_marker_end.search(" ".join(head[:k])) for k in (1, 2, 3)):
            return None
    else:
        m = syntax.between_marker_end.search(lead)
        if m is None:
            return None
        # a fight noun may have a short verb before its marker ("clashes broke out between")
        gap = len(_WORD.findall(lead[: m.start()])) if fight else _gap_words(lead, 0, len(lead))
        if gap > 3:
            return None
    if not syntax.between_joiner.search(text[a.end - offset : b.start - offset]):
        return None
    return a, b


def _light_subject(
    before: list[ActorMention], text: str, t0: int, syntax: Syntax, offset: int
) -> ActorMention | None:
    """The subject of a light verb that opens the phrase up to the noun at ``t0``."""
    for cand in (before[-1], before[0]) if len(before) > 1 else (before[0],):
        between = text[cand.end - offset : t0]
        if (
            "," not in between
            and _gap_words(text, cand.end - offset, t0) <= 7
            and syntax.subject_verb_start.match(between) is not None
        ):
            return cand
    return None


def assign_roles(
    trigger: Trigger,
    actors: list[ActorMention],
    text: str,
    offset: int,
    syntax: Syntax,
    lang: str,
    breaks: list[tuple[int, int]] | None = None,
) -> Roles:
    """Roles of ``trigger`` among ``actors`` (document offsets) in sentence ``text``."""
    roles = Roles()
    t0, t1 = trigger.start - offset, trigger.end - offset
    c0, c1 = clause_bounds(text, t0, syntax, breaks)
    in_clause = [a for a in actors if c0 <= a.start - offset and a.end - offset <= c1]
    # an actor the trigger starts inside ("Russian drones struck") stands before it
    before = [
        a for a in in_clause if a.end - offset <= t0 or a.start - offset < t0 < a.end - offset
    ]
    after = [a for a in in_clause if a.start - offset >= t1]
    if trigger.voice == "active":
        # a phrase that names its object ("clashed with police", "bentrok dengan aparat"): the
        # actor inside it is the other side
        inner = [
            a
            for a in in_clause
            if t0 < a.start - offset
            and a.end - offset <= t1
            and syntax.party_marker.search(text[t0 : a.start - offset])
        ]
        after = inner + after

    def marked_before(a: ActorMention, pattern: re.Pattern[str]) -> bool:
        lead = text[max(c0, a.start - offset - 40) : a.start - offset]
        return bool(pattern.search(lead))

    # associated actors: "backed by X", "didukung X" before any other use
    assoc_after = [a for a in after if marked_before(a, syntax.assoc_marker_end)]
    # "by X" names the agent of this trigger only close after it ("... repelled, and arms were
    # recovered by the soldiers" names who recovered)
    agent_after = [
        a
        for a in after
        if marked_before(a, syntax.agent_marker_end) and _gap_words(text, t1, a.start - offset) <= 8
    ]
    plain_after = [a for a in after if a not in assoc_after and a not in agent_after]
    if trigger.voice == "active" and agent_after:
        gap = text[t1 : agent_after[0].start - offset]
        m = syntax.agent_marker_end.search(gap)
        if m is not None and not gap[: m.start()].strip():
            # "a bomb set off by X": "by" right after the verb makes it a participle
            trigger = replace(trigger, voice="passive")
    # "Y mendukung X": Y is associated with X, not an agent of its own
    supporters = {
        id(a)
        for i, a in enumerate(before)
        if i + 1 < len(before)
        and syntax.support_verb.search(text[a.end - offset : before[i + 1].start - offset])
        # "X backed by Y": the passive names X's backer, X is no supporter
        and not syntax.assoc_marker.search(text[a.end - offset : before[i + 1].start - offset])
    }
    # "X, backed by Y, attacked": Y acts alongside X
    supporters |= {id(a) for a in before[1:] if marked_before(a, syntax.assoc_marker_end)}
    before_main = [a for a in before if id(a) not in supporters]
    supporting = [a for a in before if id(a) in supporters]

    pair = _between_pair(after, text, t1, offset, syntax, trigger.cls == "clash")
    if pair is not None:
        roles.agent, second = pair
        roles.targets = [second]
        roles.assoc_agent = supporting + assoc_after
        return roles

    if trigger.cls == "clash" and len(before_main) >= 2 and trigger.voice != "passive":
        # "X and Y clashed" (whatever place follows): both are parties
        a, b = before_main[-2], before_main[-1]
        if (
            syntax.between_joiner.search(text[a.end - offset : b.start - offset])
            # "soldiers and about twenty suspected rebels clashed": a count and a hedge
            and _gap_words(text, a.end - offset, b.start - offset) <= 5
            and "," not in text[a.end - offset : b.start - offset]
            and _gap_words(text, b.end - offset, t0) <= 2
            and not any(syntax.party_marker.search(text[t1 : x.start - offset]) for x in after)
        ):
            roles.agent, roles.targets = a, [b]
            roles.assoc_agent = supporting + assoc_after
            return roles

    if trigger.voice == "passive":
        roles.agent = agent_after[0] if agent_after else None
        if roles.agent is None and syntax.bare_passive_agent and plain_after:
            first = plain_after[0]
            if _gap_words(text, t1, first.start - offset) <= 1:
                roles.agent = first
                plain_after = plain_after[1:]
        if before_main:
            # "Three soldiers and two civilians were killed": every listed subject
            victims = [before_main[-1]]
            for prev in reversed(before_main[:-1]):
                if _joined(text, prev, victims[0], syntax, offset):
                    victims.insert(0, prev)
                else:
                    break
            roles.targets = victims
    elif trigger.voice == "nominal":
        # "a bomb blamed on X", "an ambush attributed to X": X is the attacker, not the target
        attributed = [
            a
            for a in plain_after
            if (m := syntax.attribution.search(text[t1 : a.start - offset])) is not None
            and _gap_words(text, t1 + m.end(), a.start - offset) <= 2
        ][:1]
        if agent_after:
            roles.agent = agent_after[0]
        elif attributed:
            roles.agent = attributed[0]
            plain_after = [a for a in plain_after if a is not attributed[0]]
        elif before_main and _gap_words(text, before_main[-1].end - offset, t0) == 0:
            roles.agent = before_main[-1]  # "Russian airstrikes", "JNIM attack"
        elif plain_after:
            # Indonesian genitive: "serangan udara (dan rudal) Rusia"
            first = plain_after[0]
            span = text[t1 : first.start - offset]
            if (
                syntax.genitive_after_head
                and _gap_words(text, t1, first.start - offset) <= 5
                and not syntax.genitive_stop.search(span)
                and "," not in span
            ):
                roles.agent = first
                plain_after = plain_after[1:]
        lead = text[max(c0, t0 - 12) : t0]
        if roles.agent is None and before_main and syntax.possessive_end.search(lead):
            roles.agent = before_main[0]  # "X said its drones struck ...": the subject owns
        if roles.agent is None and before_main:
            # "X launched an attack": the actor before acts only through a light verb
            last = before_main[-1]
            between = text[last.end - offset : t0]
            if _gap_words(text, last.end - offset, t0) <= 4 and syntax.light_verb.search(between):
                roles.agent, partners = _subject(before_main, text, syntax, offset)
                assoc_after = [*partners, *assoc_after]
            elif supporting and _gap_words(text, last.end - offset, t0) <= 6:
                roles.agent = last  # "Y backs X in the assault on Z": X assaults
            else:
                # "X carried out a series of coordinated attacks", "X took ten sailors
                # hostage": the subject, right before its light verb, a short phrase away
                subject = _light_subject(before_main, text, t0, syntax, offset)
                if subject is last:
                    roles.agent, partners = _subject(before_main, text, syntax, offset)
                    assoc_after = [*partners, *assoc_after]
                else:
                    roles.agent = subject
        # targets of a noun follow a marker: "attack on Y", "serangan terhadap Y"
        start = roles.agent.end - offset if roles.agent in after else t1
        marker = syntax.target_marker
        if trigger.cls == "clash":
            marker = syntax.party_marker  # "a firefight with the police": the other side
        marked = [a for a in plain_after if marker.search(text[start : a.start - offset])]
        roles.targets = marked
    else:
        if before_main:
            roles.agent, partners = _subject(before_main, text, syntax, offset)
            assoc_after = [*partners, *assoc_after]
        # a target lies in the verb's own phrase, not past a comma ("..., ISIS took X")
        roles.targets = [a for a in plain_after if "," not in text[t1 : a.start - offset]][:1]
        if roles.targets:
            first = roles.targets[0]
            roles.targets += [a for a in plain_after if a.start > first.start]
        if agent_after and roles.agent is None:
            roles.agent = agent_after[0]
        elif (
            agent_after
            and not roles.targets
            and trigger.sub_event_type == "Disrupted weapons use"
            and _gap_words(text, t1, agent_after[0].start - offset) >= 3
        ):
            # "police found bombs hidden by X": the verb has its agent, so "by X" belongs to a
            # participle of its object and names whose weapons they were
            roles.targets = agent_after[:1]

    # "... untuk menghancurkan X" / "... to seize X": the clause subject acts
    lead = text[c0:t0]
    if (
        trigger.voice == "active"
        and before_main
        and (syntax.subject_carrier_end.search(lead) or lead.rstrip().endswith(","))
    ):
        # the subject of the last comma phrase: "... were killed, and the militants looted
        # and burned houses" (the militants burned)
        comma = lead.rstrip().rstrip(",").rfind(",")
        since = [a for a in before_main if a.start - offset > c0 + comma] if comma >= 0 else []
        roles.agent = (since or before_main)[0]
        roles.inherited_subject = True

    if not roles.targets and trigger.cls in syntax.territorial_classes:
        # "retook the town, ..., from the rebels": who held the ground is the other side
        roles.targets = [
            a
            for a in after
            if a is not roles.agent
            and a not in assoc_after
            and marked_before(a, syntax.holder_marker_end)
        ][:1]

    # keep only the first target and the items joined to it in a list
    if roles.targets:
        kept = [roles.targets[0]]
        for nxt in roles.targets[1:]:
            if _joined(text, kept[-1], nxt, syntax, offset):
                kept.append(nxt)
            else:
                break
        roles.targets = [t for t in kept if t is not roles.agent]

    roles.assoc_agent = supporting + assoc_after
    _named_members(roles, in_clause, text, offset, syntax)
    return roles


def _named_members(
    roles: Roles, actors: list[ActorMention], text: str, offset: int, syntax: Syntax
) -> None:
    """A generic noun followed by the named group it belongs to ("tiga terduga teroris
    anggota jaringan JAD", "two members of the Islamic State"): the group is the party."""

    def named_after(a: ActorMention | None) -> ActorMention | None:
        if a is None or a.kind != "role":
            return None
        nxt = next((b for b in actors if b.start >= a.end), None)
        if nxt is None or nxt.kind != "named":
            return None
        gap = text[a.end - offset : nxt.start - offset]
        return nxt if syntax.member_link.match(gap) else None

    roles.agent = named_after(roles.agent) or roles.agent
    roles.targets = [named_after(t) or t for t in roles.targets]
