"""Stage placeholder; replaced by the stage implementation."""
def annotate(a):
    return []
