from reportlint.kinds._lib import segment


def test_tokens_carry_offsets():
    text = "培育法律明白人，坚持新时代枫桥经验"
    toks = segment.tokenize(text)
    assert all(text[s:e] == w for w, s, e in toks)
    assert ("法律明白人", 2, 7) in toks


def test_user_dictionary_keeps_domain_terms_whole():
    words = [w for w, _, _ in segment.tokenize("落实谁执法谁普法责任制，开展述职述法")]
    assert "谁执法谁普法" in words and "述职述法" in words


def test_doubled_de_inside_words_crosses():
    text = "坚持目的的确立"
    assert segment.crosses_word(text, 3, 5)          # 的的 spans 目的|的确
    assert not segment.crosses_word(text, 2, 4)      # 目的 is a token


def test_window_limits_segmentation():
    text = "甲" * 500 + "目的的确" + "乙" * 500
    assert segment.crosses_word(text, 501, 503, window=5)


def test_jieba_is_imported_without_its_hmm_tables_which_still_load_on_demand():
    import subprocess
    import sys
    code = (
        "import sys\n"
        "from reportlint.kinds._lib import segment\n"
        "segment.tokenize('法治政府建设')\n"
        "assert 'jieba.finalseg.prob_emit' not in sys.modules\n"
        "assert 'pkg_resources' not in sys.modules\n"
        "import jieba\n"
        "assert '科学院' in ''.join(jieba.cut('小明硕士毕业于中国科学院计算所', HMM=True))\n"
        "assert 'jieba.finalseg.prob_emit' in sys.modules\n"
        "assert type(jieba.finalseg).__name__ == 'module'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
