"""Is the answer English? Function words and script tell, without a model."""

from __future__ import annotations

__all__ = ["looks_english"]

# Frequent English function words: almost every English sentence has some.
_ENGLISH = frozenset(
    """the and to of in was i we it that for on with my is this so but they at as be had
    our were have what when which from not an would there their then me he she you are
    because after about did been into also could just out who all if how do""".split()
)
# The same for languages a job seeker might answer in; words that are also
# English ("a", "no", "me", "die") are left out so they cannot tip the balance.
_OTHERS = (
    frozenset(
        """el la los las del que y en un una por para con es se lo como pero más mi
        fue era nos yo esto hay muy cuando también porque sobre está equipo""".split()
    ),
    frozenset(
        """le les des et est une que pour pas dans ce qui sur avec mais nous je été
        était mon ma mes très aussi cette sont équipe""".split()
    ),
    frozenset(
        """der das und ist nicht ein eine ich wir zu mit auf für den dem des sich auch
        es war mein wurde haben nach bei oder aber""".split()
    ),
    frozenset(
        """o os um uma para com não é eu nós foi meu minha isso mas também muito
        quando equipe uma""".split()
    ),
    frozenset(
        """il di che è per non con sono ho abbiamo mio questo anche ma della nel
        stato una""".split()
    ),
    frozenset("""het een en van ik niet op te dat wij zijn voor met ook maar""".split()),
)
_MIN_WORDS = 8


def _mostly_latin(text: str) -> bool:
    if text.isascii():
        return True
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f")
    return not letters or latin / len(letters) >= 0.6


def looks_english(words: list[str], text: str) -> bool:
    """True unless the answer is clearly in another language or script.

    ``words`` are the lower-cased tokens of ``text``. Short answers get the
    benefit of the doubt: there is too little to tell.
    """
    if len(words) < _MIN_WORDS:
        return True
    if not _mostly_latin(text):
        return False
    english = sum(1 for w in words if w in _ENGLISH)
    other = max(sum(1 for w in words if w in vocabulary) for vocabulary in _OTHERS)
    return english >= other or english / len(words) >= 0.15
