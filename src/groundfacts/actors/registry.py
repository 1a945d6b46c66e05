"""The actor registry: find actor mentions in text and resolve them to ACLED-style actors."""

from __future__ import annotations

from groundfacts.actors.countries import CountryTable
from groundfacts.actors.lexicon import Group, Identity, Lexicon, load_lexicon
from groundfacts.actors.matcher import EITHER_PREFIX, Matcher
from groundfacts.records import Actor, ActorMention

IDENTITY_MARK = ":ethnic:"


def split_key(key: str) -> tuple[str, str, str]:
    """A role key's parts: (role, sub-type key, identity id).

    "civilians:pastoralists:ethnic:fulani" -> ("civilians", "civilians:pastoralists", "fulani");
    "militia:ethnic:dayak" -> ("militia", "militia", "dayak"); "police" -> ("police", "police", "").
    """
    head, _, ident = key.partition(IDENTITY_MARK)
    return head.partition(":")[0], head, ident


class ActorRegistry:
    """Create once (``ActorRegistry.load()``) and reuse; matchers are built per language on use."""

    def __init__(self, lexicon: Lexicon, countries: CountryTable) -> None:
        self._lex = lexicon
        self._countries = countries
        self._matchers: dict[str, Matcher] = {}
        self._assoc_labels = {
            ph.key: ph.assoc for ph in lexicon.phrases if ph.assoc and ph.role == "civilians"
        }

    @classmethod
    def load(cls) -> ActorRegistry:
        return cls(load_lexicon(), CountryTable.load())

    @property
    def countries(self) -> CountryTable:
        return self._countries

    @property
    def groups(self) -> dict[str, Group]:
        return dict(self._lex.groups)

    @property
    def identities(self) -> dict[str, Identity]:
        return dict(self._lex.identities)

    # ---- finding -------------------------------------------------------------------------

    def _matcher(self, lang: str) -> Matcher:
        key = lang if lang in self._lex.languages else "*"
        matcher = self._matchers.get(key)
        if matcher is None:
            matcher = Matcher(self._lex, self._countries, key)
            self._matchers[key] = matcher
        return matcher

    def find(self, text: str, lang: str = "en") -> list[ActorMention]:
        """Actor mentions in ``text``: non-overlapping, longest first, offsets into ``text``."""
        return self._matcher(lang).find(text)

    # ---- naming --------------------------------------------------------------------------

    def period(self, iso2: str, year: int | None) -> str:
        """ACLED's government period label, "(2015-2022)", or "" when unknown."""
        if year is None:
            return ""
        label = ""
        for p in self._lex.periods.get(iso2, ()):
            if p.covers(year):
                label = p.label()  # the later of two periods sharing a boundary year wins
        return label

    def _of(self, iso2: str) -> str:
        name = self._countries.name(iso2)
        return f"the {name}" if iso2 in self._lex.the_countries else name

    def _country_label(self, iso2: str | None) -> str:
        if iso2 is None:
            return self._lex.unknown_country
        country = self._countries.get(iso2)
        return country.name if country else self._lex.unknown_country

    def state_forces(
        self,
        iso2: str,
        *,
        branch: str = "military",
        event_country: str | None = None,
        year: int | None = None,
    ) -> Actor:
        """``Military Forces of X (YYYY-YYYY)``; branch may also be police, government or a
        unit role (gendarmerie, forest_guards, prison_guards). Inter 8 when X is foreign."""
        iso2 = iso2.upper()
        unit = ""
        spec = self._lex.roles.get(branch)
        if spec is not None and spec.state:
            branch, unit = spec.state, spec.unit_in(iso2)
        template = self._lex.state_templates.get(branch)
        if template is None:
            raise ValueError(f"unknown state branch {branch!r}")
        period = self.period(iso2, year)
        name = template.format(of=self._of(iso2), period=f" {period}" if period else "")
        if unit:
            name = f"{name} {unit}"
        foreign = event_country is not None and event_country.upper() != iso2
        actor_id = f"state:{iso2}:{branch}" + (f":{unit.casefold()}" if unit else "")
        return Actor(name, 8 if foreign else 1, iso2, actor_id)

    def rebels_first(self, country: str | None, sub_event_type: str) -> bool:
        """ACLED's coders of ``country`` list a rebel group before the state forces it meets
        in events of ``sub_event_type``, whoever acted (roles.toml [sides])."""
        return (
            country is not None
            and country in self._lex.rebels_first
            and sub_event_type in self._lex.rebels_first_events
        )

    def role(self, role: str, country: str | None, *, year: int | None = None) -> Actor:
        """A generic role in ``country``: "Protesters (Indonesia)", "Military Forces of ..."."""
        base, _, _assoc = role.partition(":")
        spec = self._lex.roles.get(base)
        if spec is None:
            raise KeyError(f"unknown role {role!r}")
        if spec.state:
            if country is None:
                raise ValueError(f"role {base!r} needs a country to name the state")
            return self.state_forces(country, branch=base, event_country=country, year=year)
        name = spec.template.format(country=self._country_label(country))
        return Actor(name, spec.inter, country, f"role:{base}")

    def assoc(self, mention: ActorMention, country: str | None) -> Actor | None:
        """The associated actor a mention implies: its ethnic group ("Fulani Ethnic Group
        (Mali)") or else its civilian sub-type ("Journalists (Mali)"); None when neither."""
        found = self.assocs(mention, country)
        return found[0] if found else None

    def assocs(self, mention: ActorMention, country: str | None) -> list[Actor]:
        """All associated actors a mention implies, identity first: "Fulani herders" ->
        [Fulani Ethnic Group (X), Pastoralists (X)]. Militias carry none (they are the actor)."""
        if mention.kind != "role":
            return []
        base, head, ident_id = split_key(mention.key)
        where = mention.country or country
        out = []
        ident = self._lex.identities.get(ident_id)
        if ident is not None and base != "militia":
            name = ident.group.format(country=self._country_label(where))
            out.append(Actor(name, 7, where, f"ethnic:{ident.id}"))
        label = self._assoc_labels.get(head)
        if label is not None:
            slug = head.partition(":")[2]
            out.append(Actor(f"{label} ({self._country_label(where)})", 7, where, f"assoc:{slug}"))
        return out

    def community(self, name: str, kind: str, country: str | None) -> Actor | None:
        """A community named by its place, as an associated actor: ("Hila", "communal") ->
        "Hila Communal Group (Indonesia)"; None for a type roles.toml lacks."""
        templates = self._lex.identity_types.get(kind)
        if templates is None or not name.strip():
            return None
        group = templates[1].replace("{name}", name.strip())
        return Actor(
            group.format(country=self._country_label(country)), 7, country, f"{kind}:{name}"
        )

    def identity_militia(self, mention: ActorMention, country: str | None) -> Actor | None:
        """The militia of the identity a mention carries ("Fulani herders" who attacked ->
        "Fulani Ethnic Militia (X)"), for callers that learn the crowd was armed; else None."""
        _base, _head, ident_id = split_key(mention.key) if mention.kind == "role" else ("", "", "")
        ident = self._lex.identities.get(ident_id)
        if ident is None or not ident.militia:
            return None  # an identity no militia stands for (a party's supporters)
        where = mention.country or country
        name = ident.militia.format(country=self._country_label(where))
        return Actor(name, 4, where, f"ethnic:{ident.id}:militia")

    def as_crowd(
        self, mention: ActorMention, crowd: str, *, country: str | None
    ) -> tuple[Actor, Actor | None]:
        """ACLED names a crowd by what it did, not by its noun: residents or teachers who
        demonstrate are ``Protesters (X)`` (crowd="protesters") or ``Rioters (X)``
        (crowd="rioters"), with the sub-type as associated actor ("Teachers (X)")."""
        if crowd not in ("protesters", "rioters"):
            raise ValueError(f"crowd must be protesters or rioters, not {crowd!r}")
        where = mention.country or country
        return self.role(crowd, where), self.assoc(mention, country)

    def group(self, gid: str, *, country: str | None, year: int | None) -> Actor:
        """A named actor, by theatre (event country) and by the name valid in ``year``."""
        if gid.startswith(EITHER_PREFIX):
            return self.either(gid[len(EITHER_PREFIX) :].split("|"), country=country, year=year)
        g = self._lex.groups[gid]
        state = g.state
        if state is not None:
            return self.state_forces(state[0], branch=state[1], event_country=country, year=year)
        name, home = g.name, g.country
        if country is not None and country in g.theatres:
            name, home = g.theatres[country], country
        if year is not None:
            for since, new_name in g.renamed:
                if year >= since:
                    name = new_name
        return Actor(name, g.inter, home, gid)

    def either(self, gids: list[str], *, country: str | None, year: int | None) -> Actor:
        """Uncertain attribution, ACLED's "A and/or B": each group named as in ``group``."""
        if len(gids) < 2:
            raise ValueError(f"uncertain attribution needs two groups, got {gids!r}")
        rank = {g: i for i, g in enumerate(self._lex.attribution_first)}
        ordered = sorted(gids, key=lambda g: rank.get(g, len(rank)))  # stable: text order after
        parts = [self.group(g, country=country, year=year) for g in ordered]
        names = list(dict.fromkeys(p.name for p in parts))
        if len(names) == 1:
            return parts[0]
        first = parts[0]
        return Actor(
            " and/or ".join(names), first.inter, first.country, EITHER_PREFIX + "|".join(gids)
        )

    def _known(self, key: str) -> bool:
        if key.startswith(EITHER_PREFIX):
            return all(g in self._lex.groups for g in key[len(EITHER_PREFIX) :].split("|"))
        return key in self._lex.groups

    # ---- resolving -----------------------------------------------------------------------

    def resolve(
        self,
        mention: ActorMention,
        *,
        country: str | None,
        year: int | None,
        context: str = "",
    ) -> Actor | None:
        """The actor a mention stands for in an event in ``country`` during ``year``.

        ``context`` (the sentence or article) decides ambiguous generics: a bare country name
        next to government words is its government; role nouns follow context.tsv rules.
        """
        if mention.kind == "named":
            if not self._known(mention.key):
                return None
            ruled = self._apply_rules(mention, country, year, context)
            return ruled or self.group(mention.key, country=country, year=year)
        if mention.kind == "country":
            iso2 = mention.country or mention.key
            if iso2 not in self._countries:
                return None
            bare = self._countries.iso_of(mention.text) is not None
            branch = "military"
            if bare and context and self._lex.government_cues.search(context):
                branch = "government"
            return self.state_forces(iso2, branch=branch, event_country=country, year=year)
        if mention.kind == "role":
            base, _head, ident_id = split_key(mention.key)
            if ident_id:
                # An identity is explicit: no context rule may rename "Fulani militia".
                if base == "militia":
                    return self.identity_militia(mention, country)
            else:
                ruled = self._apply_rules(mention, country, year, context)
                if ruled is not None:
                    return ruled
            spec = self._lex.roles.get(base)
            if spec is None:
                return None
            where = mention.country or country
            if spec.state:
                if where is None:
                    return None
                return self.state_forces(where, branch=base, event_country=country, year=year)
            return self.role(base, where, year=year)
        return None

    def _apply_rules(
        self, mention: ActorMention, country: str | None, year: int | None, context: str
    ) -> Actor | None:
        if not context:
            return None
        base = mention.key.partition(":")[0]
        surface = mention.text.casefold()
        for rule in self._lex.rules:
            if rule.key not in (base, mention.key):
                continue
            if rule.surfaces and surface not in rule.surfaces:
                continue
            if rule.countries and country not in rule.countries:
                continue
            if not rule.cues.search(context):
                continue
            return self._target(rule.target, country, year)
        return None

    def _target(self, target: str, country: str | None, year: int | None) -> Actor | None:
        kind, _, ref = target.partition(":")
        if kind == "named":
            return self.group(ref, country=country, year=year)
        if kind == "role":
            spec = self._lex.roles.get(ref)
            if spec is not None and spec.state and country is None:
                return None
            return self.role(ref, country, year=year)
        iso2, _, branch = ref.partition(":")
        return self.state_forces(
            iso2, branch=branch or "military", event_country=country, year=year
        )
