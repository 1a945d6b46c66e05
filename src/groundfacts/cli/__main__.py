from groundfacts.cli import main

main()
