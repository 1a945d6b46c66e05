"""Numbers of people killed or injured: "killing six", "at least 12 dead", "dua warga tewas".

The pack lists casualty words (``casualties.tsv``) with the side their number stands on, and
number words (``numbers.tsv``). Each casualty word takes at most one number and each number
serves one word. Conservative rules, after ACLED's practice:
  * vague quantities take the pack's conservative value (dozens 12, several 10, puluhan 12);
  * "a"/"the"/"seorang" count as one only before a singular person noun ("killed a civilian");
  * "no casualties", "tidak ada korban jiwa" give 0; "a number of", "sejumlah" give nothing;
    "an unspecified number of" is coded low (3), as ACLED does;
  * groups joined by "and" or a comma list add up ("three soldiers, two VDP and a civilian");
    a subset ("including a child", "termasuk dua anak") is not counted again;
  * ranges count their low end ("between 11 and 20 people" = 11);
  * animals are not people ("killed several sheep");
  * four-digit numbers that look like years are never counts.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from groundfacts.errors import PackDataError
from groundfacts.packs import tables
from groundfacts.packs.matcher import PhraseMatcher
from groundfacts.packs.numbers import Number, NumberReader, tokenize
from groundfacts.records import Casualties

ROLES = frozenset({"verb", "state", "both", "noun", "toll", "zero", "object"})
KINDS = frozenset({"killed", "injured"})
_OPTIONAL_KEYS = (
    "additional_markers",
    "unfulfilled_markers",
    "update_markers",
    "generic_victims",
    "one_person_articles",
    "singular_auxiliaries",
    "death_verbs",
    "things",
    "split_markers",
    "split_units",
)
# Tokens a number never reaches across.
_HARD_STOPS = frozenset({".", ";", ":", "!", "?", ",", "(", ")", "[", "]", '"', "“", "”"})
_SENTENCE_ENDS = frozenset({".", "!", "?", ";"})


def _words_at(toks: list[tuple[int, int, str]], i: int, phrase: tuple[str, ...]) -> bool:
    """The tokens from ``i`` on spell ``phrase`` (lower-cased words)."""
    return tuple(t[2] for t in toks[i : i + len(phrase)]) == phrase


@dataclass(frozen=True, slots=True)
class _Word:
    kind: str
    role: str


class CasualtyFinder:
    def __init__(
        self, lang: str, numbers: NumberReader, rows: list[tuple[str, _Word]], conf: dict[str, Any]
    ):
        self.lang = lang
        self.numbers = numbers
        self._matcher = PhraseMatcher(rows)
        name = "casualties.toml"

        def words(key: str) -> frozenset[str]:
            value = tables.toml_section(conf, key, lang, name)
            return frozenset(w.lower() for w in tables.str_list(value, key, lang, name))

        self.approximators = words("approximators")
        self.singular = words("person_singular")
        self.state_stops = words("state_stops")
        self.conjunctions = words("conjunctions")
        self.possessives = words("possessives")
        self.plural = words("person_plural")
        self.clause_breaks = words("clause_breaks")
        self.non_persons = words("non_persons")
        self.person_compounds = words("person_compounds")
        self.group_stops = words("group_stops")
        self.auxiliaries = words("auxiliaries")
        self.range_openers = words("range_openers")
        self.range_joiners = words("range_joiners")
        self.subset_markers = tuple(
            tuple(m.split()) for m in sorted(words("subset_markers"), key=lambda m: -len(m))
        )
        # newer keys a pack may leave out (then every toll is told as is)
        for key in _OPTIONAL_KEYS:
            conf.setdefault(key, [])
        self.additional = words("additional_markers")
        # "nearly lynched", "tried to kill": the verb after these did not happen
        self.unfulfilled = tuple(tuple(m.split()) for m in words("unfulfilled_markers"))
        self.updates = words("update_markers")
        # "fatalities split across three events": a coder's note that the toll told is
        # shared by that many events (see ``shares``)
        self.split_markers = tuple(tuple(m.split()) for m in words("split_markers"))
        self.split_units = words("split_units")
        self.generic = words("generic_victims")
        # "A drug surrenderee was killed": an indefinite article opening a passive's subject,
        # with a singular auxiliary, counts one person whatever the noun
        self.one_person = words("one_person_articles")
        self.singular_aux = words("singular_auxiliaries")
        # "stabbed a shopkeeper to death": verbs whose object dies when the phrase of an
        # ``object`` word ("to death") follows it
        self.death_verbs = words("death_verbs")
        # "ratusan rumah dibakar dan belasan warga luka-luka": nouns that, right after a
        # count, show it counts things, so no count of people joins it
        self.things = words("things")
        # a number right after these names a unit or an age, not people ("Yonif 321",
        # "Kodim 1702", "berusia 16 tahun", "aged 16"); optional
        self.number_heads = words("number_heads") if "number_heads" in conf else frozenset[str]()
        self.state_window = int(conf.get("state_window", 5))
        self.toll_window = int(conf.get("toll_window", 5))

    @classmethod
    def load(cls, lang: str, numbers: NumberReader) -> CasualtyFinder:
        name = "casualties.tsv"
        rows: list[tuple[str, _Word]] = []
        for line, (phrase, kind, role) in tables.read_tsv(lang, name, 3):
            if kind not in KINDS or role not in ROLES:
                raise PackDataError(
                    f"packs/{lang}/{name}:{line}: kind must be one of {sorted(KINDS)} and role "
                    f"one of {sorted(ROLES)}, found {kind!r}, {role!r}"
                )
            rows.append((phrase, _Word(kind, role)))
        conf = tables.toml_section(
            tables.read_toml(lang, "casualties.toml"), "casualties", lang, "casualties.toml"
        )
        return cls(lang, numbers, rows, conf)

    def find(self, text: str) -> list[Casualties]:
        hits = self._matcher.find(text)
        if not hits:
            return []
        # Numbers stand within a few words of their casualty word: tokenise only around them.
        reach = 16 * (max(self.state_window, self.toll_window, 20) + 2)
        toks = tokenize(text, max(0, hits[0].start - reach), hits[-1].end + reach)
        starts = [t[0] for t in toks]
        spans = [
            (bisect.bisect_left(starts, h.start), bisect.bisect_left(starts, h.end) - 1)
            for h in hits
        ]
        subset = self._subsets(toks, {first for first, _ in spans})
        numbers = {i: n for i, n in self._numbers(toks).items() if i not in subset}
        used: set[int] = set()  # first token index of numbers already claimed
        hit_starts = {first for first, _ in spans}
        out: list[Casualties] = []
        for h, (first, last) in zip(hits, spans, strict=True):
            word = h.payload
            if word.role == "zero":
                out.append(Casualties(h.start, h.end, text[h.start : h.end], word.kind, 0))
                continue
            if self._unfulfilled_before(toks, first):
                continue
            num: Number | None = None
            after = False
            if word.role == "object":
                num = self._verb_object(toks, numbers, first - 1, used)
            if word.role in ("verb", "both", "toll"):
                window = self.toll_window if word.role == "toll" else 4
                num = self._after(toks, numbers, last + 1, window, used, free=word.role == "toll")
                after = num is not None
            if num is None and word.role in ("state", "both", "noun", "toll"):
                window = 2 if word.role in ("noun", "toll") else self.state_window
                lo = max((s[1] + 1 for s in spans if s[1] < first), default=0)
                num = self._before(toks, numbers, first - 1, max(lo, first - window), used, subset)
                if num is None and word.role in ("state", "both"):
                    num = self._subject(text, toks, numbers, first - 1, max(lo, first - 20), used)
            if num is None and word.role in ("verb", "both"):
                num = self._after_second_verb(toks, numbers, last, used, hit_starts)
                after = num is not None
            if num is not None and num.kind == "anaphor":
                num = self._antecedent(toks, numbers, num.first, used)
            subject: list[Number] = []
            if word.role in ("state", "both") and not after:
                subject = self._passive_subject(toks, numbers, first - 1, used)
                if num is not None and num.first not in {n.first for n in subject}:
                    subject = []
            if subject:
                num = subject[0]
                used.update(n.first for n in subject)
                group = subject
            elif num is None or num.value is None:
                continue
            else:
                used.add(num.first)
                group = [num, *self._coordinated(toks, numbers, num, used, after, subset)]
            first_tok = min(n.first for n in group)
            last_tok = max(n.last for n in group)
            s = min(h.start, toks[first_tok][0])
            e = max(h.end, toks[last_tok][1])
            count = sum(n.value or 0 for n in group)
            lo, hi = min(first, first_tok), max(last, last_tok)
            out.append(
                Casualties(
                    s,
                    e,
                    text[s:e],
                    word.kind,
                    count,
                    relation=self._relation(toks, lo, hi),
                    victims=self._victims(toks, group),
                    vague=any(n.kind == "vague" for n in group),
                )
            )
        return out

    def shares(self, text: str) -> int:
        """How many events share the toll the text tells, when it says so ("fatalities
        split between (3) events", "divided across the two events"); 1 when it does not."""
        if not self.split_markers:
            return 1
        low = text.lower()
        if not any(" ".join(m) in low for m in self.split_markers):
            return 1
        toks = tokenize(text, 0, len(text))
        numbers = self._numbers(toks)
        for i in range(len(toks)):
            m = next((m for m in self.split_markers if _words_at(toks, i, m)), None)
            if m is None:
                continue
            # the count within a few tokens ("(3)", "the two"), then what is counted
            for j in range(i + len(m), min(len(toks), i + len(m) + 4)):
                n = numbers.get(j)
                if n is None:
                    continue
                unit = next((t[2] for t in toks[n.last + 1 : n.last + 3] if t[2] != ")"), "")
                if n.value and n.value > 1 and unit in self.split_units:
                    return n.value
                break
        return 1

    def _antecedent(
        self, toks: list[tuple[int, int, str]], numbers: dict[int, Number], i: int, used: set[int]
    ) -> Number | None:
        """The people counted before ``them`` in its sentence ("arrested fifteen villagers
        and executed them"), unless already counted as casualties."""
        for start in sorted((k for k in numbers if k < i), reverse=True):
            n = numbers[start]
            if any(toks[k][2] in _SENTENCE_ENDS for k in range(n.last + 1, i)):
                return None
            if n.kind in ("exact", "vague") and n.value and self._person_near(toks, n):
                return None if start in used else n
        return None

    def _relation(self, toks: list[tuple[int, int, str]], lo: int, hi: int) -> str:
        """ "update" when the clause gives a new total ("the toll rose to nine", "bringing
        the number killed to 12"), "additional" when it adds victims ("were also killed",
        "two other soldiers"), else ""."""
        i = lo
        while i > 0 and lo - i < 10 and toks[i - 1][2] not in _HARD_STOPS - {","}:
            i -= 1
        j = hi
        while j + 1 < len(toks) and j - hi < 3 and toks[j + 1][2] not in _HARD_STOPS:
            j += 1
        window = " " + " ".join(t[2] for t in toks[i : j + 1]) + " "
        if any(f" {m} " in window for m in self.updates):
            return "update"
        if any(f" {m} " in window for m in self.additional):
            return "additional"
        return ""

    def _victims(self, toks: list[tuple[int, int, str]], group: list[Number]) -> str:
        """The person noun after the first count ("three villagers" -> "villager"); "" when
        none is named or it names people in general ("people", "orang")."""
        n = min(group, key=lambda g: g.first)
        for j in range(n.last + 1, min(len(toks), n.last + 4)):
            word = toks[j][2]
            if word in _HARD_STOPS:
                break
            if word in self.generic:
                return ""
            if self._is_person(word):
                return self._singular(word)
        return ""

    def _singular(self, word: str) -> str:
        if self._is_singular(word):
            return word
        if word.endswith("men") and self._is_singular(word[:-3] + "man"):
            return word[:-3] + "man"
        for end in ("es", "s"):
            if word.endswith(end) and self._is_singular(word[: -len(end)]):
                return word[: -len(end)]
        if "-" in word and word.split("-")[0] == word.split("-")[-1]:
            return word.split("-")[0]  # "anak-anak"
        return word

    def _subsets(self, toks: list[tuple[int, int, str]], casualty_starts: set[int]) -> set[int]:
        """Tokens of subset phrases ("including an elder", "(among them 7 pupils)"): their
        numbers are part of a count already given and are skipped when looking back."""
        out: set[int] = set()
        words = [t[2] for t in toks]
        i = 0
        while i < len(words):
            size = next(
                (len(m) for m in self.subset_markers if tuple(words[i : i + len(m)]) == m), 0
            )
            if not size:
                i += 1
                continue
            start = i - 1 if i > 0 and words[i - 1] in (",", "(") else i
            j = i + size
            while j < len(words) and j - i < 16:
                w = words[j]
                if w in (".", ";", "!", "?", ":") or w in self.auxiliaries or j in casualty_starts:
                    break
                if w == ")":
                    j += 1
                    break
                if w == "," and j + 1 < len(words) and words[j + 1] in self.conjunctions:
                    break
                j += 1
            out.update(range(start, j))
            i = j
        return out

    def _coordinated(
        self,
        toks: list[tuple[int, int, str]],
        numbers: dict[int, Number],
        num: Number,
        used: set[int],
        after: bool,
        subset: set[int],
    ) -> list[Number]:
        """Numbers joined to ``num`` by a conjunction or a list comma: "three policemen and an
        assailant", "three militants, five VDP and two civilians"."""
        found: list[Number] = []
        current = num
        for step in range(6):
            if after:
                nxt = self._next_after(toks, numbers, current)
            else:
                nxt = self._next_before(toks, numbers, current, comma_ok=step > 0, subset=subset)
            if nxt is None or nxt.first in used or nxt.value is None or nxt.kind == "pronoun":
                break
            used.add(nxt.first)
            found.append(nxt)
            current = nxt
        return found

    def _next_after(
        self, toks: list[tuple[int, int, str]], numbers: dict[int, Number], num: Number
    ) -> Number | None:
        # "two soldiers and a civilian", "one soldier, six VDP": a few words, a separator, then
        # the number (possibly after "his"/"her": "a man and his two sons").
        for j in range(num.last + 1, min(len(toks) - 1, num.last + 8)):
            tok = toks[j][2]
            if j in numbers or self._is_subset_marker(toks, j):
                return None
            if tok == "(" and j + 2 < len(toks) and toks[j + 2][2] == ")":
                continue  # "three volunteer fighters (VDP) and eleven civilians"
            if tok == ")" and toks[j - 2][2] == "(":
                continue
            if tok in self.conjunctions or tok == ",":
                k = j + 1
                if tok == "," and toks[k][2] in self.conjunctions:
                    k += 1
                # "a man and his two sons", "a chief and at least three others"; not "and
                # another one arrested": a further count has a state of its own
                while (
                    k < len(toks)
                    and (
                        toks[k][2] in self.possessives
                        or (toks[k][2] in self.approximators and toks[k][2] not in self.additional)
                    )
                    and k not in numbers
                ):
                    k += 1
                n = numbers.get(k)
                if n is None or not self._people_after(toks, n, joined=True):
                    return None
                if tok == "," and (n.kind == "article" or not self._person_near(toks, n)):
                    return None  # "killed nine people, two shops": a list of people only
                return n
            if tok in _HARD_STOPS or tok in self.group_stops:
                return None
        return None

    def _next_before(
        self,
        toks: list[tuple[int, int, str]],
        numbers: dict[int, Number],
        num: Number,
        comma_ok: bool,
        subset: set[int],
    ) -> Number | None:
        # Before: "and" (or a list comma, once the list has an "and") right before ``num``,
        # the number within 4 words before that.
        j = num.first - 1
        if j < 1:
            return None
        if toks[j][2] in self.conjunctions:
            j -= 1
            if toks[j][2] == ",":
                j -= 1
        elif toks[j][2] == "," and comma_ok:
            j -= 1
        else:
            return None
        skipped = 0
        k = j
        while k >= 0 and j - k - skipped < 4:
            if k in subset:
                skipped += 1
                k -= 1
                continue
            tok = toks[k][2]
            if tok in _HARD_STOPS or tok in self.group_stops or tok in self.state_stops:
                return None
            for n in numbers.values():
                if n.last == k:
                    if n.last + 1 < len(toks) and toks[n.last + 1][2] in self.things:
                        return None
                    comma = toks[num.first - 1][2] == ","
                    if comma and (n.kind == "article" or not self._person_near(toks, n)):
                        return None
                    return n
            k -= 1
        return None

    def _is_subset_marker(self, toks: list[tuple[int, int, str]], i: int) -> bool:
        return any(_words_at(toks, i, m) for m in self.subset_markers)

    def _people_after(
        self, toks: list[tuple[int, int, str]], n: Number, joined: bool = False
    ) -> bool:
        """False when the words after a number show it counts animals or days ("several
        sheep", "three days"), or, for a joined number, a subset ("two of whom")."""
        nxt = toks[n.last + 1][2] if n.last + 1 < len(toks) else ""
        if nxt in self.state_stops and nxt not in self.conjunctions and nxt != "or":
            return False
        after_of = toks[n.last + 2][2] if n.last + 2 < len(toks) else ""
        if joined and nxt == "of" and after_of in ("whom", "them"):
            return False
        if joined and self._is_subset_marker(toks, n.last + 1):
            return False  # "tiga orang, dua di antaranya polisi": two of the three
        for j in range(n.last + 1, min(len(toks), n.last + 4)):
            if toks[j][2] in _HARD_STOPS:
                break
            if self._animal_at(toks, j):
                return False
        return True

    def _numbers(self, toks: list[tuple[int, int, str]]) -> dict[int, Number]:
        found: dict[int, Number] = {}
        may_start = self.numbers.may_start
        i = 0
        while i < len(toks):
            # most tokens are plain words: skip them without a full read
            n = self.numbers.read(toks, i) if may_start(toks[i][2]) else None
            if n is None:
                i += 1
                continue
            tok = toks[i][2]
            year_like = tok.isdigit() and len(tok) == 4 and 1900 <= int(tok) <= 2100
            if i > 0 and toks[i - 1][2] in self.number_heads:
                i = n.last + 1  # "Yonif 321", "berusia dua tahun": a name or an age
                continue
            if n.kind == "article" and not self._person_follows(toks, n.last + 1):
                n = None
            if n is not None and not year_like:
                n = self._range(toks, n)
                found[i] = n
                i = n.last + 1
            else:
                i += 1
        return found

    def _range(self, toks: list[tuple[int, int, str]], n: Number) -> Number:
        """A range counts its low end: "between 11 and 20" = 11, "15 to 25 men" = 15."""
        j = n.last + 1
        if n.value is None or j + 1 >= len(toks) or toks[j][2] not in self.range_joiners:
            return n
        opened = n.first > 0 and toks[n.first - 1][2] in self.range_openers
        if toks[j][2] in self.conjunctions and not opened:
            return n  # "two and three" is coordination unless "between" opened it
        if n.first > 0 and toks[n.first - 1][2] == "from":
            return n
        if not self.numbers.may_start(toks[j + 1][2]):
            return n
        high = self.numbers.read(toks, j + 1)
        if high is None or high.value is None or high.kind == "article" or high.value <= n.value:
            return n
        return Number(n.first, high.last, n.value, n.kind)

    def _person_follows(self, toks: list[tuple[int, int, str]], i: int) -> bool:
        # A singular person noun right after the article, or after a few modifiers ("a
        # presumed JNIM or ISGS militant", "a village development (CVD) councilman"), that is
        # not itself a modifier ("an IDP camp").
        seen = 0
        j = i
        while j < len(toks) and seen < 6:
            tok = toks[j][2]
            if tok == "(":
                close = next(
                    (k for k in range(j + 1, min(len(toks), j + 5)) if toks[k][2] == ")"), 0
                )
                if not close:
                    return False
                j = close + 1
                continue
            if tok in _HARD_STOPS or tok in self.group_stops or tok in self.conjunctions:
                return False
            for size in (2, 1):
                if self._is_singular(" ".join(t[2] for t in toks[j : j + size])):
                    nxt = toks[j + size][2] if j + size < len(toks) else ""
                    if nxt not in self.person_compounds:
                        return True
            seen += 1
            j += 1
        return False

    def _is_singular(self, word: str) -> bool:
        return word in self.singular or word.rsplit("-", 1)[-1] in self.singular

    def _is_person(self, word: str) -> bool:
        """A person noun, singular or plural ("soldier", "soldiers", "people", "VDPs")."""
        if self._is_singular(word) or word in self.plural:
            return True
        for end in ("s", "es"):
            if word.endswith(end) and self._is_singular(word[: -len(end)]):
                return True
        return word.endswith("men") and self._is_singular(word[:-3] + "man")

    def _person_near(self, toks: list[tuple[int, int, str]], n: Number) -> bool:
        """A person noun within three words after a number."""
        for j in range(n.last + 1, min(len(toks), n.last + 4)):
            if toks[j][2] in _HARD_STOPS:
                return False
            if self._is_person(toks[j][2]):
                return True
        return False

    def _animal_at(self, toks: list[tuple[int, int, str]], j: int) -> bool:
        """An animal noun that heads its phrase ("several sheep", not "a livestock trader")."""
        if toks[j][2] not in self.non_persons:
            return False
        nxt = toks[j + 1][2] if j + 1 < len(toks) else "."
        return not (self._is_person(nxt) or (nxt.endswith(("er", "ers")) and nxt.isalpha()))

    def _after_second_verb(
        self,
        toks: list[tuple[int, int, str]],
        numbers: dict[int, Number],
        last: int,
        used: set[int],
        hit_starts: set[int],
    ) -> Number | None:
        """The object two joined verbs share: "killed and robbed two traders" (but not
        "killed and wounded five": a second casualty word counts its own)."""
        k = last + 2
        if k + 1 >= len(toks) or toks[last + 1][2] not in self.conjunctions:
            return None
        word = toks[k][2]
        if k in hit_starts or k in numbers or not word.isalpha() or word in self.approximators:
            return None
        return self._after(toks, numbers, k + 1, 4, used, free=False)

    def _after(
        self,
        toks: list[tuple[int, int, str]],
        numbers: dict[int, Number],
        i: int,
        window: int,
        used: set[int],
        free: bool,
    ) -> Number | None:
        """The number after a verb, across approximators only (any words when ``free``)."""
        for j in range(i, min(len(toks), i + window + 1)):
            n = numbers.get(j)
            if n is not None and j not in used:
                return n if self._people_after(toks, n) else None
            tok = toks[j][2]
            if tok in _HARD_STOPS and not (free and tok in (":", ",")):
                return None
            if not free and tok not in self.approximators:
                return None
        return None

    def _before(
        self,
        toks: list[tuple[int, int, str]],
        numbers: dict[int, Number],
        i: int,
        lo: int,
        used: set[int],
        subset: set[int],
    ) -> Number | None:
        """The nearest number before a state word, within the window and the clause; a
        subset phrase in between does not use up the window."""
        j = i
        while j >= lo and j >= 0:
            if j in subset:
                lo = max(0, lo - 1)
                j -= 1
                continue
            tok = toks[j][2]
            skip = self._aside_before(toks, j)
            if skip:
                # "seorang mantan kombatan GAM (Gerakan Aceh Merdeka) tewas", "seorang pelajar
                # berusia 16 tahun meninggal": an aside does not use up the window
                lo, j = max(0, lo - skip), j - skip
                continue
            if (
                tok in self.conjunctions
                and 0 < j < len(toks) - 1
                and self._is_person(toks[j - 1][2])
                and self._is_person(toks[j + 1][2])
            ):
                j -= 1  # "two gendarmes and soldiers killed": one count of two kinds of people
                continue
            if tok in _HARD_STOPS or tok in self.state_stops or self._animal_at(toks, j):
                return None
            for start, n in numbers.items():
                if n.last == j:
                    if n.kind == "pronoun" and i - j > 3:
                        return None
                    return n if start not in used else None
            j -= 1
        return None

    def _verb_object(
        self, toks: list[tuple[int, int, str]], numbers: dict[int, Number], i: int, used: set[int]
    ) -> Number | None:
        """The count between a death verb and the phrase ending at ``i``: "beat a thief to
        death", "stabbed two traders to death"; an article counts one whatever the noun."""
        for v in range(i, max(-1, i - 8), -1):
            tok = toks[v][2]
            if tok in _HARD_STOPS:
                return None
            if tok not in self.death_verbs:
                continue
            k = v + 1
            while k < i and toks[k][2] in self.approximators and k not in numbers:
                k += 1
            n = numbers.get(k)
            if n is not None:
                return n if k not in used and n.kind not in ("anaphor",) else None
            if k < i and toks[k][2] in self.one_person and k not in used:
                return Number(k, k, 1, "article")
            return None
        return None

    def _passive_subject(
        self,
        toks: list[tuple[int, int, str]],
        numbers: dict[int, Number],
        i: int,
        used: set[int],
    ) -> list[Number]:
        """The people of a passive's subject when it joins several ("a councilor and his
        nephew were shot dead", "two rebels and a soldier were killed"): the count opening
        the clause and each joined count or possessed person before the auxiliary; [] when
        the subject is one count or no count opens it."""
        j, aux = i, -1
        while j >= 0:
            skip = self._aside_before(toks, j) if toks[j][2] == ")" else 0
            if skip:
                j -= skip
                continue
            tok = toks[j][2]
            if tok in _HARD_STOPS:
                break
            if tok in self.clause_breaks:
                return []
            if tok in self.auxiliaries:
                aux = j
            j -= 1
        start = j + 1
        if aux < 0:
            return []
        head = next((numbers[k] for k in (start, start + 1) if k in numbers), None)
        if head is None and start < aux and toks[start][2] in self.one_person:
            head = Number(start, start, 1, "article")  # "A barangay chair and his aide were"
        if head is None or head.value is None or head.first in used or head.last >= aux:
            return []
        if head.kind not in ("article", "exact") or not self._people_after(toks, head):
            return []
        found = [head]
        plural = toks[aux][2] not in self.singular_aux
        k = head.last + 1
        while k < aux:
            tok = toks[k][2]
            if tok not in self.conjunctions:
                k += 1
                continue
            m = k + 1
            owned = m < aux and toks[m][2] in self.possessives
            if owned:
                m += 1
            n = numbers.get(m)
            if n is not None and n.value and n.kind in ("article", "exact") and n.last < aux:
                if n.first in used or not (n.kind == "article" or self._person_near(toks, n)):
                    return []
                found.append(n)
                k = n.last + 1
            elif owned and m < aux and self._one_owned(toks[m][2], plural):
                found.append(Number(m, m, 1, "article"))  # "and his nephew"
                k = m + 1
            else:
                k += 1
        return found if len(found) > 1 else []

    def _one_owned(self, word: str, plural: bool) -> bool:
        """One person after a possessive: a singular person noun, or, under a plural
        auxiliary that the joined subject explains, any noun not plural ("his aide")."""
        if self._is_singular(word):
            return True
        return plural and word.isalpha() and not self._is_person(word) and word[-1] != "s"

    def _names_between_commas(
        self, text: str, toks: list[tuple[int, int, str]], j: int, lo: int
    ) -> int:
        """The comma opening the names set off by commas that end at the comma ``j``, or -1:
        "Seorang warga Desa A, Kecamatan B, Kabupaten C, tewas", "Two soldiers, Corporal A
        and Private B, were killed". Each part is capitalised words (and conjunctions,
        numbers, brackets), and the clause goes on before the first comma."""
        opened = -1
        k = j
        while toks[k][2] == ",":
            m = k - 1
            while m >= lo and toks[m][2] != "," and self._name_token(text, toks[m]):
                m -= 1
            if m < lo or m == k - 1 or toks[m][2] != ",":
                break
            opened = k = m
        return opened

    def _unfulfilled_before(self, toks: list[tuple[int, int, str]], i: int) -> bool:
        return any(i >= len(m) and _words_at(toks, i - len(m), m) for m in self.unfulfilled)

    def _counted_aside(
        self, toks: list[tuple[int, int, str]], numbers: dict[int, Number], j: int, lo: int
    ) -> int:
        """The comma opening an aside that ends at the comma ``j`` and follows a count of
        people, or -1: "Two traders, a mother and her nephew, were killed", "three farmers, one
        of whom was a teacher, were shot dead". The count must open the words before the aside."""
        k = j - 1
        while k > max(lo, j - 9) and toks[k][2] not in _HARD_STOPS:
            k -= 1
        if k <= lo or k == j - 1 or toks[k][2] != ",":
            return -1
        m = k - 1
        while m >= lo and toks[m][2] not in _HARD_STOPS and k - m <= 5:
            m -= 1
        if m >= lo and toks[m][2] not in _HARD_STOPS:
            return -1  # the words before the aside go on: no short counted phrase
        n = next((numbers[q] for q in (m + 1, m + 2) if q in numbers and q < k), None)
        if n is None or n.value is None or not self._people_after(toks, n):
            return -1
        return k

    def _name_token(self, text: str, tok: tuple[int, int, str]) -> bool:
        word = text[tok[0] : tok[1]]
        return (
            word[:1].isupper()
            or word.isdigit()
            or tok[2] in self.conjunctions
            or (word in ("(", ")", "/", "-"))
        )

    def _aside_before(self, toks: list[tuple[int, int, str]], j: int) -> int:
        """How many tokens ending at ``j`` form an aside inside a noun phrase: a short
        parenthesis ("(GAM)", "(29)") or an age or unit number ("berusia 16 tahun"); 0 if none."""
        if toks[j][2] == ")":
            for k in range(j - 1, max(-1, j - 5), -1):
                if toks[k][2] == "(":
                    return j - k + 1
                if toks[k][2] in _HARD_STOPS:
                    return 0
            return 0
        for width in (2, 3):
            k = j - width + 1
            if k >= 0 and toks[k][2] in self.number_heads and toks[k + 1][2].isdigit():
                return width
        return 0

    def _subject(
        self,
        text: str,
        toks: list[tuple[int, int, str]],
        numbers: dict[int, Number],
        i: int,
        lo: int,
        used: set[int],
    ) -> Number | None:
        """A passive's subject farther back: "One individual was removed from a bus and
        executed", "a man travelling on a motorbike was killed". The number must open the
        clause and an auxiliary ("was", "were") must follow it before the state word."""
        aux = singular = near = False
        j = i
        while j >= 0:
            skip = self._aside_before(toks, j) if toks[j][2] == ")" else 0
            if skip:
                # "a New People's Army (NPA) member was killed": an aside inside the subject
                lo, j = max(0, lo - skip), j - skip
                continue
            if toks[j][2] in _HARD_STOPS:
                # names set off by commas inside the subject, when no count opens the words
                # after them ("in Sulu, a bomber was killed" keeps its own subject)
                opens = any(k in numbers for k in range(j + 1, i + 1)) or (
                    j + 1 <= i and toks[j + 1][2] in self.one_person
                )
                opened = -1 if opens else self._names_between_commas(text, toks, j, lo)
                if opened < 0 and not opens:
                    opened = self._counted_aside(toks, numbers, j, lo)
                if opened < 0:
                    break
                j = opened - 1
                continue
            if j < lo or toks[j][2] in self.clause_breaks:
                return None
            if toks[j][2] in self.auxiliaries:
                if not aux:
                    near = i - j <= 4  # "was reportedly waylaid and shot dead"
                aux = True
                singular = singular or toks[j][2] in self.singular_aux
            j -= 1
        start = j + 1
        if not aux and self.auxiliaries:
            return None  # a language without auxiliaries ("seorang prajurit ... gugur") needs none
        head = start
        while head < i and toks[head][2] in self.approximators and head not in numbers:
            head += 1  # "At least four members ... were executed"
        for k in range(head, min(head + 2, i + 1)):
            n = numbers.get(k)
            if n is not None:
                if k in used or not self._people_after(toks, n):
                    return None
                if n.kind != "article" and not self._person_near(toks, n):
                    return None
                if any(self._animal_at(toks, m) for m in range(n.last + 1, i + 1)):
                    return None
                return n
        if (
            singular
            and near  # not "A protest was held ... for activists killed"
            and start < i
            and start not in used
            and toks[start][2] in self.one_person
            and not any(self._animal_at(toks, m) for m in range(start + 1, i + 1))
        ):
            return Number(start, start, 1, "article")
        return None
