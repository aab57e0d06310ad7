// Negotiation
