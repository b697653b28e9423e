"""Loading: every bad input gets one pinned, located message, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from strategygen.errors import ProfileError
from strategygen.inputs.loader import load_profile, load_profile_text
from strategygen.inputs.yamlsource import MAX_BYTES, MAX_DEPTH, read_yaml_text

Problems = Callable[[str | bytes], list[str]]
Edit = Callable[[str, str, str], str]


def test_valid_profile_has_no_problems(problems: Problems, valid_text: str) -> None:
    assert problems(valid_text) == []


# --- YAML-level faults -------------------------------------------------------------------


def test_yaml_syntax_error(problems: Problems) -> None:
    assert problems("identity: [1, 2\nreadiness: 3\n") == [
        "p.yaml:2:10: YAML syntax error: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence that starts on line 1)"
    ]


def test_yaml_syntax_error_bad_indentation(problems: Problems) -> None:
    assert problems("identity:\n  name: x\n iso3: JAM\n") == [
        "p.yaml:3:2: YAML syntax error: expected <block end>, but found '<block mapping start>' "
        "(while parsing a block mapping that starts on line 1)"
    ]


def test_two_documents(problems: Problems) -> None:
    assert problems("a: 1\n---\nb: 2\n") == [
        "p.yaml:2:1: YAML syntax error: expected a single document in the stream, "
        "but found another document"
    ]


def test_empty_file(problems: Problems) -> None:
    assert problems("") == ["p.yaml:1:1: the file is empty; a profile is a YAML mapping of fields"]


def test_comment_only_file(problems: Problems) -> None:
    assert problems("# just a comment\n\n   # another\n") == [
        "p.yaml:1:1: the file is empty; a profile is a YAML mapping of fields"
    ]


def test_document_marker_only_file(problems: Problems) -> None:
    assert problems("---\n...\n") == [
        "p.yaml:1:1: the file is empty; a profile is a YAML mapping of fields"
    ]


def test_top_level_list(problems: Problems) -> None:
    assert problems("# a list\n- identity\n- readiness\n") == [
        "p.yaml:2:1: the top level must be a mapping of fields, not a list"
    ]


def test_top_level_scalar(problems: Problems) -> None:
    assert problems("\nJamaica\n") == [
        "p.yaml:2:1: the top level must be a mapping of fields, not a single value"
    ]


def test_duplicate_key_names_the_first_line(
    problems: Problems, valid_text: str, edit: Edit
) -> None:
    text = edit(valid_text, "  iso2: JM\n", "  iso2: JM\n  name: Otherland\n")
    assert problems(text) == [
        "p.yaml:6:3: identity.name: duplicate key; it is already set on line 3 "
        "(YAML would silently keep only the last one)"
    ]


def test_duplicate_top_level_key(problems: Problems, valid_text: str) -> None:
    text = valid_text + "identity: {}\n"
    assert problems(text) == [
        "p.yaml:34:1: identity: duplicate key; it is already set on line 2 "
        "(YAML would silently keep only the last one)"
    ]


BILLION_LAUGHS = (
    "a: &a ["
    + ", ".join(['"lol"'] * 10)
    + "]\n"
    + "".join(
        f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} ["
        + ", ".join([f"*{chr(ord('a') + i - 1)}"] * 10)
        + "]\n"
        for i in range(1, 10)
    )
)


def test_alias_bomb_is_rejected_at_the_first_alias(problems: Problems) -> None:
    # Ten levels of ten aliases would expand to 10**10 strings; the first alias stops it.
    assert BILLION_LAUGHS.splitlines()[1].startswith("b: &b [*a, *a")
    assert problems(BILLION_LAUGHS) == [
        "p.yaml:2:8: YAML aliases (*name) are not allowed in profiles; write the value out in full"
    ]


def test_single_alias_is_rejected(problems: Problems, valid_text: str, edit: Edit) -> None:
    text = edit(valid_text, "  source: src\ncontext:", "  source: &s src\ncontext:")
    text = edit(text, "  rank: 98\n", "  rank: 98\n  note: *s\n")
    assert problems(text) == [
        "p.yaml:15:9: YAML aliases (*name) are not allowed in profiles; write the value out in full"
    ]


def test_merge_key_is_rejected(problems: Problems) -> None:
    assert problems("identity:\n  <<: {name: x}\n") == [
        "p.yaml:2:3: the YAML tag !!merge is not allowed in profiles; "
        "write plain text, numbers, lists and mappings"
    ]


def test_nesting_too_deep(problems: Problems) -> None:
    text = "identity: " + "[" * 60 + "]" * 60 + "\n"
    # The root mapping is level 1, so the 40th bracket (column 10 + 40) is level 41.
    assert problems(text) == [f"p.yaml:1:50: nesting is deeper than {MAX_DEPTH} levels"]


def test_nesting_at_the_limit_is_not_refused() -> None:
    text = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert read_yaml_text(text, "p.yaml").data["a"] is not None


def test_file_over_one_mebibyte(problems: Problems, valid_text: str) -> None:
    text = valid_text + "# " + "x" * MAX_BYTES + "\n"
    size = len(text.encode())
    assert problems(text) == [
        f"p.yaml:1:1: file is {size} bytes; profiles are limited to 1048576 (1 MiB)"
    ]


def test_file_of_exactly_one_mebibyte_is_read(problems: Problems, valid_text: str) -> None:
    padding = MAX_BYTES - len(valid_text.encode()) - 3
    text = valid_text + "# " + "x" * padding + "\n"
    assert len(text.encode()) == MAX_BYTES
    assert problems(text) == []


def test_bytes_not_utf8(problems: Problems, valid_text: str, edit: Edit) -> None:
    raw = edit(valid_text, "  name: Testland", "  name: Caf\udce9land").encode(
        "utf-8", "surrogateescape"
    )
    assert problems(raw) == [
        "p.yaml:3:12: the file is not valid UTF-8; save it with UTF-8 encoding (got byte 0xe9)"
    ]


def test_utf8_bom_is_accepted(problems: Problems, valid_text: str) -> None:
    assert problems("\ufeff" + valid_text) == []


def test_python_object_tag_is_rejected(problems: Problems, valid_text: str, edit: Edit) -> None:
    text = edit(valid_text, "context:\n", "context: !!python/object:os.system\n")
    assert problems(text) == [
        "p.yaml:8:10: the YAML tag !!python/object:os.system is not allowed in profiles; "
        "write plain text, numbers, lists and mappings"
    ]


def test_python_tag_on_scalar_is_rejected(problems: Problems) -> None:
    assert problems('identity: !!python/name:os.system ""\n') == [
        "p.yaml:1:11: the YAML tag !!python/name:os.system is not allowed in profiles; "
        "write plain text, numbers, lists and mappings"
    ]


def test_binary_and_set_tags_are_rejected(problems: Problems) -> None:
    assert problems("identity: !!binary aGk=\n")[0].startswith(
        "p.yaml:1:11: the YAML tag !!binary is not allowed"
    )
    assert problems("identity: !!set {a, b}\n")[0].startswith(
        "p.yaml:1:11: the YAML tag !!set is not allowed"
    )


def test_impossible_date(problems: Problems) -> None:
    assert problems("identity: 2024-13-45\n") == [
        "p.yaml:1:11: cannot read this value as a date (YYYY-MM-DD); quote it to keep it as text "
        "(got '2024-13-45')"
    ]


def test_impossible_date_as_key(problems: Problems) -> None:
    assert problems("2024-13-45: 1\n")[0].startswith("p.yaml:1:1: cannot read this value as a date")


def test_complex_key(problems: Problems) -> None:
    assert problems("? [a, b]\n: 1\n") == ["p.yaml:1:3: mapping keys must be plain names"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError) as info:
        load_profile(tmp_path / "nope.yaml", "nope.yaml")
    assert str(info.value) == "nope.yaml:0:0: cannot read file: No such file or directory"


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError) as info:
        load_profile(tmp_path, "somewhere")
    assert str(info.value) == "somewhere:0:0: cannot read file: it is a folder, not a file"


# --- validation faults, located in the YAML source -------------------------------------------


def test_wrong_type(problems: Problems, valid_text: str, edit: Edit) -> None:
    text = edit(valid_text, "  rank: 98\n", "  rank: ninety-eight\n")
    assert problems(text) == [
        "p.yaml:14:9: readiness.rank: must be a whole number (got 'ninety-eight')"
    ]


def test_wrong_type_list(problems: Problems, valid_text: str, edit: Edit) -> None:
    text = edit(valid_text, "  iso2: JM\n", "  iso2: JM\n  languages: English\n")
    assert problems(text) == [
        "p.yaml:6:14: identity.languages: must be a list ([a, b] or lines starting with '- ') "
        "(got 'English')"
    ]


def test_wrong_type_mapping(problems: Problems, valid_text: str) -> None:
    text = valid_text + "law: [data_protection]\nnarrative:\n  vision: Some text\n"
    assert problems(text) == [
        "p.yaml:34:6: law: must be a mapping of fields (name: value) (got a list)",
        "p.yaml:36:11: narrative.vision: must be a mapping of fields (name: value) "
        "(got 'Some text')",
    ]


def test_out_of_range_score(problems: Problems, valid_text: str, edit: Edit) -> None:
    text = edit(valid_text, "    government: 50\n", "    government: 500\n")
    assert problems(text) == [
        "p.yaml:18:17: readiness.pillars.government: Input should be less than or equal to 100 "
        "(got 500)"
    ]


def test_bad_iso3(problems: Problems, valid_text: str, edit: Edit) -> None:
    text = edit(valid_text, "  iso3: JAM\n", "  iso3: XXX\n")
    assert problems(text) == [
        "p.yaml:4:9: identity.iso3: is not an ISO 3166-1 alpha-3 country code; "
        "use the three-letter code (got 'XXX')"
    ]


def test_bad_iso3_shape(problems: Problems, valid_text: str, edit: Edit) -> None:
    text = edit(valid_text, "  iso3: JAM\n", "  iso3: jamaica\n")
    assert problems(text) == [
        "p.yaml:4:9: identity.iso3: must be three upper-case letters, for example 'JAM' "
        "(got 'jamaica')"
    ]


def test_iso2_mismatch(problems: Problems, valid_text: str, edit: Edit) -> None:
    text = edit(valid_text, "  iso2: JM\n", "  iso2: TT\n")
    assert problems(text) == [
        "p.yaml:5:9: identity.iso2: does not match iso3 'JAM'; ISO 3166 pairs JAM with 'JM' "
        "(got 'TT')"
    ]


def test_bad_cdcc_status(problems: Problems, valid_text: str, edit: Edit) -> None:
    text = edit(valid_text, "  cdcc_status: member\n", "  cdcc_status: observer\n")
    assert problems(text) == [
        "p.yaml:6:16: identity.cdcc_status: Input should be 'member', 'associate member' or "
        "'none' (got 'observer')"
    ]


def test_undefined_source_id_at_the_referencing_line(
    problems: Problems, valid_text: str, edit: Edit
) -> None:
    text = edit(valid_text, "  source: src\n  rank:", "  source: gairi\n  rank:")
    assert problems(text) == [
        "p.yaml:13:11: readiness.source: source 'gairi' is not defined in sources "
        "(defined: src) (got 'gairi')"
    ]


def test_undefined_source_in_flow_mapping(problems: Problems, valid_text: str, edit: Edit) -> None:
    text = edit(
        valid_text, "year: 2024, source: src}\nreadiness", "year: 2024, source: wb}\nreadiness"
    )
    assert problems(text) == [
        "p.yaml:9:49: context.population.source: source 'wb' is not defined in sources "
        "(defined: src) (got 'wb')"
    ]


def test_bad_source_id_shape(problems: Problems, valid_text: str, edit: Edit) -> None:
    text = edit(valid_text, "  source: src\ncontext:", "  source: My Source\ncontext:")
    assert problems(text) == [
        "p.yaml:7:11: identity.source: must be a source id: lower-case letters, digits, "
        "'.', '_' or '-', starting with a letter or digit (got 'My Source')"
    ]


def test_duplicate_source_id(problems: Problems, valid_text: str) -> None:
    text = valid_text + "  - {id: src, title: Again, publisher: Tester, year: 2024}\n"
    assert problems(text) == ["p.yaml:34:10: sources[1].id: duplicate source id (got 'src')"]


def test_unknown_key_suggests_the_nearest(problems: Problems, valid_text: str, edit: Edit) -> None:
    text = edit(valid_text, "  population:", "  populaton:")
    assert problems(text) == [
        "p.yaml:9:3: context.populaton: unknown key; did you mean 'population'? "
        "valid keys here: population, gdp_per_capita_usd, security"
    ]


def test_unknown_key_without_close_match(problems: Problems, valid_text: str) -> None:
    text = valid_text.replace("context:\n", "zzz: 1\ncontext:\n")
    [message] = problems(text)
    assert message.startswith("p.yaml:8:1: zzz: unknown key; valid keys here: schema_version, ")
    assert "did you mean" not in message


def test_unknown_key_in_list_item(problems: Problems, valid_text: str) -> None:
    text = valid_text.replace("year: 2024}\n", "year: 2024, licnce: CC}\n")
    [message] = problems(text)
    assert message.startswith(
        "p.yaml:33:66: sources[0].licnce: unknown key; did you mean 'licence'? valid keys here: id,"
    )


def test_missing_required_field_at_parent_key(
    problems: Problems, valid_text: str, edit: Edit
) -> None:
    text = edit(valid_text, "  cdcc_status: member\n", "")
    assert problems(text) == ["p.yaml:2:1: identity.cdcc_status: required field is missing; add it"]


def test_missing_required_nested_field(problems: Problems, valid_text: str) -> None:
    text = valid_text + "law:\n  cybercrime:\n    status: in_force\n"
    assert problems(text) == [
        "p.yaml:35:3: law.cybercrime.source: required field is missing; add it"
    ]


def test_pillar_mean_error_names_both_numbers(
    problems: Problems, valid_text: str, edit: Edit
) -> None:
    text = edit(valid_text, "    human_capital: 30\n", "    human_capital: 33\n")
    assert problems(text) == [
        "p.yaml:19:24: readiness.pillars.technology_sector: pillar score 30.00 differs from "
        "31.00, the mean of its dimensions (maturity, innovation_capacity, human_capital); "
        "one of these numbers is mistyped (got 30)"
    ]


def test_total_mean_error(problems: Problems, valid_text: str, edit: Edit) -> None:
    text = edit(valid_text, "  total: 40\n", "  total: 4.0\n")
    assert problems(text) == [
        "p.yaml:16:10: readiness.total: total 4.00 differs from 40.00, the mean of the three "
        "pillars; one of these numbers is mistyped (got 4)"
    ]


def test_block_rule_is_located_at_the_block_key(problems: Problems, valid_text: str) -> None:
    text = valid_text + "strategy_horizon:\n  start: 2030\n  end: 2028\n"
    assert problems(text) == [
        "p.yaml:34:1: strategy_horizon: end (2028) must be after start (2030) "
        "and at most 15 years later"
    ]


def test_every_problem_is_reported_in_line_order(
    problems: Problems, valid_text: str, edit: Edit
) -> None:
    text = edit(valid_text, "  iso3: JAM\n", "  iso3: XXX\n")
    text = edit(text, "  rank: 98\n", "  rank: -1\n")
    text = edit(text, "  population:", "  populaton:")
    found = problems(text)
    assert [line.split(":")[1] for line in found] == ["4", "9", "14"]


def test_cross_checks_all_reported_together(
    problems: Problems, valid_text: str, edit: Edit
) -> None:
    text = edit(valid_text, "  rank: 98\n", "  rank: 300\n")
    text = edit(text, "  total: 40\n", "  total: 45\n")
    text = edit(text, "year: 2024, source: src}\nreadiness", "year: 2024, source: wb}\nreadiness")
    found = problems(text)
    assert [line.split(": ")[1] for line in found] == [
        "context.population.source",
        "readiness.rank",
        "readiness.total",
    ]


def test_no_pydantic_raw_text_in_any_message(
    problems: Problems, valid_text: str, edit: Edit
) -> None:
    text = edit(valid_text, "  iso2: JM\n", "  iso2: TT\n")
    text = edit(text, "  covered: true\n", "  covered: false\n")
    text += "civil_service:\n  headcount: {value: 1, year: 2024, source: src}\n"
    text += "  ai_trained: {value: 2, year: 2024, source: src}\n"
    text += "public_sector_ai: {use_cases: []}\n"
    text = text.replace("year: 2024}", 'year: 2024, url: "ftp://x"}')
    found = problems(text)
    assert len(found) == 5
    for message in found:
        assert "Value error" not in message
        assert "http" not in message.replace("http:// or https://", "")
        assert "errors.pydantic.dev" not in message
        assert "^" not in message  # no raw regular expression


def test_load_profile_text_names_the_source(valid_text: str) -> None:
    with pytest.raises(ProfileError) as info:
        load_profile_text(valid_text.replace("iso3: JAM", "iso3: XXX"), "inline")
    assert str(info.value).startswith("inline:4:9: identity.iso3:")
