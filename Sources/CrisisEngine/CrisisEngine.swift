// CrisisEngine
