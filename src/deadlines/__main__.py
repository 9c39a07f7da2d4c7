"""python -m deadlines"""

from deadlines.cli import main

main()
