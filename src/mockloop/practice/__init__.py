"""What the user did: attempts, marks, postmortems, and every rule about them."""
