"""Rule-file errors are reported at file:line:col, all of them, with did-you-mean."""
from pathlib import Path

import pytest

from reportlint.model.errors import RuleLoadErrors
from reportlint.rulepacks.loader import load_packs, load_rule_file

GOOD = """\
id: sample-typo
kind: substitution
category: typo
severity: error
message: "“{found}”应为“{expected}”"
description: 示例规则。
why: 示例。
swap:
  按排: 安排
examples:
  bad: ["请按排好会务。"]
  good: ["请安排好会务。"]
"""


def write(tmp_path: Path, text: str, name: str = "sample-typo.yaml") -> Path:
    pack = tmp_path / "pack"
    pack.mkdir(exist_ok=True)
    p = pack / name
    p.write_text(text, encoding="utf-8")
    return p


def errors_of(path: Path) -> list[str]:
    with pytest.raises(RuleLoadErrors) as exc:
        load_rule_file(path, "pack")
    return [str(e) for e in exc.value.errors]


def test_good_rule_loads(tmp_path):
    rule = load_rule_file(write(tmp_path, GOOD), "pack")
    assert rule.id == "sample-typo" and rule.kind_name == "substitution"
    assert str(rule.severity) == "error" and rule["swap"] == {"按排": "安排"}


def test_unknown_key_did_you_mean_with_line(tmp_path):
    p = write(tmp_path, GOOD.replace("swap:", "swapp:"))
    errs = errors_of(p)
    assert any(f"{p}:8:1: unknown key 'swapp'" in e and "did you mean 'swap'" in e for e in errs), errs
    assert any("missing required key 'swap'" in e for e in errs)


def test_duplicate_keys_rejected_with_both_lines(tmp_path):
    p = write(tmp_path, GOOD.replace("  按排: 安排\n", "  按排: 安排\n  按排: 按照\n"))
    errs = errors_of(p)
    assert any(":10:3: duplicate key '按排' (first at line 9)" in e for e in errs), errs


def test_unknown_kind(tmp_path):
    errs = errors_of(write(tmp_path, GOOD.replace("kind: substitution", "kind: substitutio")))
    assert any(":2:1: unknown kind 'substitutio'" in e and "did you mean 'substitution'" in e
               for e in errs), errs


def test_bad_regex_reported_at_its_line(tmp_path):
    text = GOOD.replace("kind: substitution", "kind: pattern").replace(
        "swap:\n  按排: 安排\n", "patterns:\n  - 'ok'\n  - '(unclosed'\n")
    errs = errors_of(write(tmp_path, text))
    assert any(":10:5: bad regular expression '(unclosed'" in e for e in errs), errs


def test_invalid_yaml_has_position(tmp_path):
    errs = errors_of(write(tmp_path, GOOD + "examples: [\n"))
    assert len(errs) == 1 and "invalid YAML" in errs[0], errs
    assert errs[0].split(":")[1] in ("13", "14"), errs


def test_id_must_match_file_and_name_problem(tmp_path):
    errs = errors_of(write(tmp_path, GOOD.replace("id: sample-typo", "id: no-typo")))
    assert any("must equal the file name" in e for e in errs)
    assert any("should name the problem" in e for e in errs)


def test_message_fields_checked(tmp_path):
    errs = errors_of(write(tmp_path, GOOD.replace("{expected}", "{expectd}")))
    assert any("unknown field '{expectd}'" in e and "did you mean 'expected'" in e for e in errs), errs


def test_wrong_types_and_categories(tmp_path):
    text = GOOD.replace("category: typo", "category: typos").replace("severity: error", "severity: fatal")
    errs = errors_of(write(tmp_path, text))
    assert any(":3:" in e and "category" in e for e in errs)
    assert any(":4:" in e and "severity" in e for e in errs)


def test_examples_required(tmp_path):
    text = GOOD.replace('  good: ["请安排好会务。"]\n', "")
    errs = errors_of(write(tmp_path, text))
    assert any("examples.good must be a non-empty list" in e for e in errs), errs


def test_python_tags_are_not_executed(tmp_path):
    text = GOOD.replace("description: 示例规则。", "description: !!python/object/apply:os.system ['true']")
    errs = errors_of(write(tmp_path, text))
    assert errs and "python/object" in " ".join(errs)


def test_pack_collects_errors_of_all_files_and_warns_on_other_files(tmp_path):
    write(tmp_path, GOOD.replace("swap:", "swapp:"), "sample-typo.yaml")
    write(tmp_path, GOOD.replace("sample-typo", "other-typo").replace("kind: substitution", "kind: nope"),
          "other-typo.yml")
    (tmp_path / "pack" / "notes.txt").write_text("x")
    with pytest.raises(RuleLoadErrors) as exc:
        load_packs([str(tmp_path / "pack")])
    files = {Path(e.path).name for e in exc.value.errors}
    assert files == {"sample-typo.yaml", "other-typo.yml"}


def test_yml_accepted_and_other_files_warned(tmp_path):
    write(tmp_path, GOOD, "sample-typo.yml")
    (tmp_path / "pack" / "notes.txt").write_text("x")
    loaded = load_packs([str(tmp_path / "pack")])
    assert [r.id for r in loaded.rules] == ["sample-typo"]
    assert any("notes.txt" in w for w in loaded.warnings)


def test_duplicate_ids_across_packs(tmp_path):
    write(tmp_path, GOOD)
    other = tmp_path / "other"
    other.mkdir()
    (other / "sample-typo.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(RuleLoadErrors) as exc:
        load_packs([str(tmp_path / "pack"), str(other)])
    assert "duplicate rule id 'sample-typo'" in str(exc.value)


def test_extension_keys_hold_anchors_for_examples(tmp_path):
    text = GOOD.replace("examples:\n  bad: [\"请按排好会务。\"]",
                        "x-ctx: &ctx {reference_texts: {甲: 乙}}\nexamples:\n  bad:\n    - {text: 请按排好会务。, context: *ctx}")
    rule = load_rule_file(write(tmp_path, text), "pack")
    assert rule.examples["bad"][0]["context"] == {"reference_texts": {"甲": "乙"}}
    from reportlint.rulepacks.examples import run_examples
    assert run_examples([rule]) == []
