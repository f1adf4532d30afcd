"""kinds/_lib/spelling: the pair bitmaps and the two stages."""
from reportlint.kinds._lib import data
from reportlint.kinds._lib.spelling import Policy, model


def test_bitmaps_match_the_character_table():
    m = model()
    folder = data.DIR / "spelling"
    assert (folder / "bigrams.bin").stat().st_size == m.n * m.n // 8
    assert m.known("土", "地") and m.known("检", "察") and not m.known("吐", "地")


def test_the_after_and_before_tables_are_the_bitmaps_rows_and_columns():
    m = model()
    for ch in "地察政":
        assert all(m.known(x, ch) for x in m.before(ch))
    for ch in "土检法":
        assert all(m.known(ch, x) for x in m.after(ch))
    assert "土" in m.before("地") and "地" in m.after("土")
    for ch in m.chars[::400]:          # whole rows and columns, on a sample of the characters
        assert set(m.after(ch)) == {x for x in m.chars if m.known(ch, x)}
        assert set(m.before(ch)) == {x for x in m.chars if m.known(x, ch)}


def test_suspects_sit_between_two_unknown_pairs():
    m = model()
    s = "农村吐地承包"
    assert m.suspects(s) == [2]
    assert m.suspects("农村土地承包") == []
    assert m.suspects("") == [] and m.suspects("吐") == []


def test_slip_carries_the_word_the_reading_and_the_gain():
    (slip,) = model().slips("农村吐地承包", Policy())
    assert (slip.found, slip.expected, slip.how, slip.word_start) == ("吐地", "土地", "same-sound", 2)
    assert slip.gain >= Policy().min_gain


def test_people_names_are_never_offered():
    m = model()
    m.slips("述德", Policy())          # loads the word tables
    assert m._people["朱德"] and not m._people["述德"]
    assert all(s.expected != "朱德" for s in m.slips("开展述职述德述廉活动", Policy()))


def test_numerals_are_no_slips():
    assert model().slips("见表二。", Policy()) == []


def test_one_sided_suspect_needs_a_same_sounding_longer_word_across_both_neighbours():
    m = model()
    assert not m.known("制", "国") and m.known("法", "制")
    assert 2 in m.suspects("依法制国")           # 制: 法制 known, 制国 not; 法?国 -> 治
    (slip,) = m.slips("坚持依法制国。", Policy())
    assert (slip.found, slip.expected, slip.how) == ("依法制国", "依法治国", "same-sound")
    # a word boundary with no such word across it is no suspect
    assert m.suspects("完善法制建设") == []


def test_the_skip_table_holds_the_inner_characters_of_frequent_longer_words():
    skips = model()._skips
    assert "治" in skips["法国"] and "察" in skips["检院"] and skips["吐地"] == ""


def test_an_across_slip_needs_the_gain():
    strict = Policy(min_gain_across=100.0)   # (nor the trigram path)
    assert model().slips("坚持依法制国。", strict) == []


def test_beside_a_pair_that_is_no_common_word_a_same_main_reading_character_may_mend():
    m = model()
    # 于形 occurs inside some word but is no common word, 形政 is unknown; 行 (xing, main
    # reading of both) makes the common 行政
    assert m.known("于", "形") and not m.known("形", "政")
    (slip,) = [s for s in m.slips("关于形政复议的决定", Policy()) if s.start == 2]
    assert (slip.found, slip.expected, slip.how) == ("形政", "行政", "same-sound")
    # beside a common word (法制) nothing is tried but the longer word across (依法治国)
    assert m.slips("完善法制建设", Policy()) == []


def test_the_language_model_has_the_last_word():
    text = "加强农村吐地承包经营权保护"
    assert [s.expected for s in model().slips(text, Policy())] == ["土地"]
    # a candidate the word-frequency model accepts is dropped when the bigram model is not
    # convinced enough (nor does the trigram path then); 0 does not ask it
    assert model().slips(text, Policy(min_lm_gain=100.0, lm_same_sound=100.0)) == []
    assert [s.expected for s in model().slips(text, Policy(min_lm_gain=0.0))] == ["土地"]


def test_two_suspects_in_one_word_give_one_slip():
    slips = model().slips("局可以自行设立司级和处级内设机构", Policy())
    spans = [(s.word_start, s.word_start + len(s.found)) for s in slips]
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))


def test_a_two_sided_suspect_the_frequency_paths_leave_is_judged_by_the_trigram_model():
    m = model()
    s = "及时办理群众信防事项"
    assert m._best(s, 7, Policy()) is None         # 信访 gains too little under word frequencies
    (slip,) = m.slips(s, Policy())
    assert (slip.found, slip.expected, slip.how, slip.word_start) == ("信防", "信访", "same-sound", 6)
    assert slip.gain >= Policy().lm_same_sound
    assert m.slips(s, Policy(lm_same_sound=100.0, lm_shape=100.0)) == []


def test_the_trigram_path_proposes_no_rare_word():
    # 整体智治 (a policy term the model does not know): 智识 would read better, but is rare
    assert model().slips("努力构建整体智治的现代政府", Policy()) == []


def test_a_one_sided_character_a_candidate_makes_a_far_likelier_word_is_judged_by_the_trigram_model():
    m = model()
    s = "推进重大关健技术攻关。"
    assert m.known("关", "健") and not m.known("健", "技")
    on = Policy(lm_one_sided_on=True)          # not tried by default: it costs (see the option)
    assert 5 in m.suspects(s, on)
    assert [x for x in m.slips(s, Policy()) if x.start == 5] == []
    (slip,) = [x for x in m.slips(s, on) if x.start == 5]
    assert (slip.found, slip.expected, slip.how) == ("关健", "关键", "same-sound")
    assert [x for x in m.slips(s, Policy(lm_one_sided_on=True, lm_one_sided=100.0)) if x.start == 5] == []


def test_a_suspect_is_judged_once_by_the_text_around_it_and_placed_where_it_stands():
    m = model()
    near = m.slips("群众信防事项", Policy())
    far = m.slips("为进一步做好本年度各类群众信防事项", Policy())   # the same window, 11 characters on
    assert [(s.found, s.expected, s.start, s.word_start) for s in near] == [("信防", "信访", 3, 2)]
    assert [(s.found, s.expected, s.start, s.word_start) for s in far] == [("信防", "信访", 14, 13)]


def test_the_one_sided_trigram_path_looks_only_where_a_cheap_bound_allows():
    m = model()
    on = Policy(lm_one_sided_on=True)
    s = "对该聚体行政行为不服的"
    assert m._lm_gate(s, 2)                        # 聚体 -> 具体 reads better between 该 and 行政
    assert 2 in m.suspects(s, on)
    # a common word as written (工作) is not tried; nor a candidate that reads no better there
    assert m._lm_common["工作"] and m._triple("工作做", on) != 2
    assert not m._lm_gate("公司体行为", 1)


def test_a_rare_input_method_word_needs_a_smaller_trigram_gain_when_the_word_model_agrees():
    m = model()
    s = "推进重大关健技术攻关。"
    on = Policy(lm_one_sided_on=True)            # as the rule runs (关健: 健技 is no pair)
    (slip,) = [x for x in m.slips(s, on) if x.start == 5]
    assert (slip.found, slip.expected, slip.how) == ("关健", "关键", "same-sound")
    assert slip.gain < on.lm_one_sided               # short of the trigram margin alone
    assert [x for x in m.slips(s, on._replace(lm_agreed=0.0)) if x.start == 5] == []
    assert [x for x in m.slips(s, on._replace(wf_agreed=100.0)) if x.start == 5] == []
    # a written pair the input method does not know is most often two words side by side
    assert not m._agreed("并经该国驻中华人民共和国", 4, "之", "驻中", "same-sound", on)
    assert not m._agreed(s, 5, "键", "关健", "shape", on)


def test_a_common_single_character_word_beside_a_mended_word_is_no_orphan():
    m = model()
    s = "书记园应回避的"
    assert not m.known("应", "回")
    assert not m._orphan(s, 3, 1)                  # 应 (should) stands as a word by itself
    assert m._orphan("深学细悟", 2, 1)              # 细 in a slogan of single characters
    (slip,) = [x for x in m.slips(s, Policy()) if x.start == 2]
    assert (slip.found, slip.expected) == ("书记园", "书记员")


def test_the_one_sided_trigram_path_leaves_a_common_word_of_the_word_model():
    from reportlint.kinds._lib import lm
    m = model()
    m.slips("述德", Policy())                        # loads the word tables
    # 法治: rarer than 法制 in the input method's (older) model, but a common word today
    assert lm.unigram("法治") < -5.0 and m.freq("法治") >= 500
    assert m._lm_common["法治"]


def test_a_byte_that_was_not_utf8_is_read_as_an_unknown_character():
    m = model()
    s = "\udc80- 加强执法队伍建设，开展培训3次。"        # surrogateescape's stand-in for a stray byte
    on = Policy(lm_one_sided_on=True)
    assert m.slips(s, on) == m.slips("\ufffd" + s[1:], on)
