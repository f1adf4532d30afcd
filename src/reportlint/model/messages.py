"""Texts the tool itself prints (rule messages live in the rule files). Chinese first."""
from __future__ import annotations

ZH = {
    "binary": "不是文本文件（含二进制内容），已跳过",
    "undecodable": "无法识别文件编码，已跳过（可用 --encoding 指定编码，如 gb18030）",
    "decode_as": "无法按 {encoding} 解码：{detail}",
    "empty": "文件为空，没有可检查的内容",
    "blank": "文件只有空白字符，没有可检查的内容",
    "missing": "文件不存在（可能已被删除或移动）",
    "unreadable": "无法读取：{detail}",
    "dir_unreadable": "无法读取目录：{detail}",
    "unsupported": "不支持的文件格式：{detail}",
    "too_big": "文件过大（{size} MB，上限 {limit} MB），已跳过",
    "rule_failed": "规则 {rule}（{where}）在此文件上中止：{detail}",
    "summary": "共 {total} 个问题（错误 {error}，警告 {warning}，提示 {info}），检查文件 {files} 个",
    "summary_clean": "未发现问题，检查文件 {files} 个",
    "summary_errors": "另有 {n} 个文件无法检查",
    "suggest": "建议：{s}",
    "no_files": "没有找到可检查的文件（支持 {suffixes}）",
    "fixed": "已修复 {n} 处：{path}",
    "stats_header": "规则统计",
    "word_not_fixable": "（Word 文件中此处跨越不同格式或非文字内容，未自动修复）",
    "fix_unencodable": "修复后的文字无法按原编码 {encoding} 保存，文件未改动",
}
EN = {
    "binary": "not a text file (binary content), skipped",
    "undecodable": "cannot detect the encoding, skipped (use --encoding, e.g. gb18030)",
    "decode_as": "cannot decode as {encoding}: {detail}",
    "empty": "the file is empty, nothing to check",
    "blank": "the file holds only whitespace, nothing to check",
    "missing": "no such file (deleted or moved?)",
    "unreadable": "cannot read: {detail}",
    "dir_unreadable": "cannot read directory: {detail}",
    "unsupported": "unsupported file format: {detail}",
    "too_big": "file too large ({size} MB, limit {limit} MB), skipped",
    "rule_failed": "rule {rule} ({where}) abandoned on this file: {detail}",
    "summary": "{total} problems ({error} errors, {warning} warnings, {info} info) in {files} files",
    "summary_clean": "no problems in {files} files",
    "summary_errors": "{n} files could not be checked",
    "suggest": "suggestion: {s}",
    "no_files": "no files to check (supported: {suffixes})",
    "fixed": "fixed {n} in {path}",
    "stats_header": "rule statistics",
    "word_not_fixable": " (not fixed: the span crosses formatting or non-text content in the Word file)",
    "fix_unencodable": "the fixed text cannot be saved in the file's encoding {encoding}; file left unchanged",
}


def t(key: str, lang: str = "zh", **kw) -> str:
    table = EN if lang == "en" else ZH
    return table[key].format(**kw)
