// Deterrence
