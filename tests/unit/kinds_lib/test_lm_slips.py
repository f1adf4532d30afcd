"""kinds/_lib/lm_slips: the trigram model's judgement of one position."""
from reportlint.kinds._lib.lm_slips import Scan, _window
from reportlint.kinds._lib.spelling import model

MARGINS = {"same-sound": 4.0, "shape": 4.5}


def scan():
    m = model()
    return Scan(m._kinds, m.after, m.before)


def m_policy():
    from reportlint.kinds._lib.spelling import Policy
    return Policy()


def test_the_window_is_the_han_text_around_the_position():
    assert _window("，群众信防事项。", 4) == (1, 7)
    assert _window("甲乙丙丁戊己庚辛壬癸", 5) == (1, 10)
    assert _window("信", 0) == (0, 1)


def test_a_candidate_word_that_reads_better_in_context_is_the_verdict():
    model().slips("信防", m_policy())             # opens the word tables
    s = scan()
    lo, v = s.judge("及时办理群众信防事项", 7, MARGINS)
    assert (v.x, v.how) == ("访", "same-sound") and v.gain >= 4.0
    assert "及时办理群众信防事项"[lo + v.word_start:lo + v.word_end] == "信防"


def test_correct_text_and_missing_kinds_give_no_verdict():
    model().slips("信防", m_policy())
    s = scan()
    assert s.judge("及时办理群众信访事项", 7, MARGINS) is None
    assert s.judge("及时办理群众信防事项", 7, {"shape": 4.5}) is None       # 访 is no look-alike


def test_a_window_is_judged_once():
    model().slips("信防", m_policy())
    s = scan()
    first = s.judge("及时办理群众信防事项", 7, MARGINS)
    assert len(s._memo) == 1
    assert s.judge("按时办理群众信防事项", 7, MARGINS) == first      # the same window
    assert len(s._memo) == 1
