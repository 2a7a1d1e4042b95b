"""Step 3 — Organisation: its sections in the order of the method, each a module with
``render(workshop)``. ``pages/step3_organisation.py`` shows the one the facilitator picks."""

from pages.step3 import board, communication, expectations, targets, training, worksheets

SECTIONS = {
    "board": board.render,
    "communication": communication.render,
    "training": training.render,
    "targets": targets.render,
    "expectations": expectations.render,
    "worksheets": worksheets.render,
}
