from mockloop.cli import main

main()
