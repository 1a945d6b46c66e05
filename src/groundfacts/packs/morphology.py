"""Indonesian/Malay inflection: the affixed forms of a root, generated from rules over data.

The pack lists roots with the affixes each one takes (``packs/id/roots.tsv``); this module
spells the forms. Generating forms beats stemming at run time: it is exact, fast (the forms go
into the trigger automaton) and avoids stemmer errors such as "dikuasai" -> "asai".

Nasal prefix meN-/peN- (assimilation with the root's first sound):
  b f v        -> mem-/pem-                       bakar  -> membakar, pembakaran
  p            -> mem-/pem-, p drops              perkosa -> memerkosa
  d c j z      -> men-/pen-                       culik  -> menculik
  t            -> men-/pen-, t drops              tembak -> menembak, penembakan
  s            -> meny-/peny-, s drops            serang -> menyerang, penyerangan
  vowels g h   -> meng-/peng-                     hantam -> menghantam
  k            -> meng-/peng-, k drops            kuasa  -> menguasai, penguasaan
  l m n r w y  -> me-/pe-                         rebut  -> merebut, perebutan
  one syllable -> menge-/penge-                   bom    -> mengebom, pengeboman
k, p, t and s do not drop before a consonant (klaim -> mengklaim, protes -> memprotes).
"""

from __future__ import annotations

import re

from groundfacts.errors import PackDataError

VOWELS = frozenset("aeiou")
_SYLLABLE = re.compile(r"[aeiou]+")
_DIPHTHONGS = frozenset({"ai", "au", "oi", "ei"})

# Affix code -> voice of the form it makes. "base" may be written "base:nominal".
AFFIX_VOICE: dict[str, str] = {
    "base": "active",
    "base:nominal": "nominal",
    "meN": "active",
    "meN-kan": "active",
    "meN-i": "active",
    "memper": "active",
    "memper-kan": "active",
    "di": "passive",
    "di-kan": "passive",
    "di-i": "passive",
    "diper": "passive",
    "diper-kan": "passive",
    "ter": "passive",
    "ter-kan": "passive",
    "ber": "active",
    "ber-an": "active",
    "-an": "nominal",
    "peN-an": "nominal",
    "per-an": "nominal",
    "ke-an": "nominal",
    "peN": "nominal",
}


def _monosyllabic(root: str) -> bool:
    """One vowel or diphthong: bom, tes, klaim (these take menge-/penge-)."""
    groups = _SYLLABLE.findall(root)
    return len(groups) == 1 and (len(groups[0]) == 1 or groups[0] in _DIPHTHONGS)


def _nasal(root: str, stem: str) -> str:
    """The nasal prefix ``stem`` ("me" or "pe") fused with ``root``."""
    if _monosyllabic(root):
        return stem + "nge" + root
    first = root[0]
    cluster = len(root) > 1 and root[1] not in VOWELS
    if first in VOWELS or first in "gh":
        return stem + "ng" + root
    if first == "k":
        return stem + "ng" + (root if cluster else root[1:])
    if first in "bfv":
        return stem + "m" + root
    if first == "p":
        return stem + "m" + (root if cluster else root[1:])
    if first in "dcjz":
        return stem + "n" + root
    if first == "t":
        return stem + "n" + (root if cluster else root[1:])
    if first == "s":
        return stem + ("n" + root if cluster else "ny" + root[1:])
    return stem + root


def me_n(root: str) -> str:
    """meN- + root: serang -> menyerang."""
    return _nasal(root, "me")


def pe_n(root: str) -> str:
    """peN- + root: tembak -> penembak."""
    return _nasal(root, "pe")


def ber(root: str) -> str:
    # ber- loses its r before a root beginning with r (ber + runding -> berunding).
    return ("be" if root.startswith("r") else "ber") + root


def inflect(root: str, affix: str) -> str:
    """One affixed form of ``root`` (lower case, may contain spaces: only the first word is
    affixed by prefixes and the last by suffixes, as in "unjuk rasa" -> "berunjuk rasa")."""
    head, _, rest = root.partition(" ")
    tail = " " + rest if rest else ""

    def pre(word: str) -> str:
        return word + tail

    match affix:
        case "base" | "base:nominal":
            return root
        case "meN":
            return pre(me_n(head))
        case "meN-kan":
            return pre(me_n(head)) + "kan"
        case "meN-i":
            return pre(me_n(head)) + "i"
        case "memper":
            return pre("memper" + head)
        case "memper-kan":
            return pre("memper" + head) + "kan"
        case "di":
            return pre("di" + head)
        case "di-kan":
            return pre("di" + head) + "kan"
        case "di-i":
            return pre("di" + head) + "i"
        case "diper":
            return pre("diper" + head)
        case "diper-kan":
            return pre("diper" + head) + "kan"
        case "ter":
            return pre("ter" + head)
        case "ter-kan":
            return pre("ter" + head) + "kan"
        case "ber":
            return pre(ber(head))
        case "ber-an":
            return pre(ber(head)) + "an"
        case "-an":
            return root + "an"
        case "peN-an":
            return pre(pe_n(head)) + "an"
        case "per-an":
            return pre(("pe" if head.startswith("r") else "per") + head) + "an"
        case "ke-an":
            return pre("ke" + head) + "an"
        case "peN":
            return pre(pe_n(head))
    raise PackDataError(f"unknown affix {affix!r} (known: {', '.join(AFFIX_VOICE)})")


def forms(root: str, affixes: list[str]) -> list[tuple[str, str, str]]:
    """(form, voice, affix) for each affix of ``root``; unknown affixes raise PackDataError."""
    out: list[tuple[str, str, str]] = []
    for affix in affixes:
        if affix not in AFFIX_VOICE:
            raise PackDataError(f"unknown affix {affix!r} (known: {', '.join(AFFIX_VOICE)})")
        out.append((inflect(root.lower(), affix), AFFIX_VOICE[affix], affix))
    return out
