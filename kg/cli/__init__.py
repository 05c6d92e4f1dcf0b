"""The command line: click commands, progress and terminal summaries (the only package that imports click
and rich). It turns KGErrors into messages and exit codes and may import every other package.
"""
