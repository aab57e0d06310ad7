/// Correlates of War state codes (the `member` and `mem1`... values of ATOP)
/// with the COW abbreviation and a short English name. An unknown code still
/// imports, as `COW<code>`, with a comment asking the user to name it.
public enum CowStates {
    public struct State: Hashable, Sendable {
        public var code: Int
        public var abbreviation: String
        public var name: String
    }

    public static func state(_ code: Int) -> State {
        if let (abb, name) = table[code] { return State(code: code, abbreviation: abb, name: name) }
        return State(code: code, abbreviation: "COW\(code)", name: "COW state \(code)")
    }

    public static func isKnown(_ code: Int) -> Bool { table[code] != nil }

    // From the COW State System Membership list (stateabb, statenme), v2016.
    static let table: [Int: (String, String)] = [
        2: ("USA", "United States of America"), 20: ("CAN", "Canada"), 31: ("BHM", "Bahamas"), 40: ("CUB", "Cuba"),
        41: ("HAI", "Haiti"), 42: ("DOM", "Dominican Republic"), 51: ("JAM", "Jamaica"), 52: ("TRI", "Trinidad and Tobago"),
        53: ("BAR", "Barbados"), 54: ("DMA", "Dominica"), 55: ("GRN", "Grenada"), 56: ("SLU", "St. Lucia"),
        57: ("SVG", "St. Vincent and the Grenadines"), 58: ("AAB", "Antigua & Barbuda"), 60: ("SKN", "St. Kitts and Nevis"),
        70: ("MEX", "Mexico"), 80: ("BLZ", "Belize"), 89: ("UPC", "United Provinces of Central America"),
        90: ("GUA", "Guatemala"), 91: ("HON", "Honduras"), 92: ("SAL", "El Salvador"), 93: ("NIC", "Nicaragua"),
        94: ("COS", "Costa Rica"), 95: ("PAN", "Panama"), 99: ("GCL", "Great Colombia"), 100: ("COL", "Colombia"),
        101: ("VEN", "Venezuela"), 110: ("GUY", "Guyana"), 115: ("SUR", "Suriname"), 130: ("ECU", "Ecuador"),
        135: ("PER", "Peru"), 140: ("BRA", "Brazil"), 145: ("BOL", "Bolivia"), 150: ("PAR", "Paraguay"),
        155: ("CHL", "Chile"), 160: ("ARG", "Argentina"), 165: ("URU", "Uruguay"),
        200: ("UKG", "United Kingdom"), 205: ("IRE", "Ireland"), 210: ("NTH", "Netherlands"), 211: ("BEL", "Belgium"),
        212: ("LUX", "Luxembourg"), 220: ("FRN", "France"), 221: ("MNC", "Monaco"), 223: ("LIE", "Liechtenstein"),
        225: ("SWZ", "Switzerland"), 230: ("SPN", "Spain"), 232: ("AND", "Andorra"), 235: ("POR", "Portugal"),
        240: ("HAN", "Hanover"), 245: ("BAV", "Bavaria"), 255: ("GMY", "Germany"), 260: ("GFR", "German Federal Republic"),
        265: ("GDR", "German Democratic Republic"), 267: ("BAD", "Baden"), 269: ("SAX", "Saxony"),
        271: ("WRT", "Wuerttemberg"), 273: ("HSE", "Hesse Electoral"), 275: ("HSG", "Hesse Grand Ducal"),
        280: ("MEC", "Mecklenburg Schwerin"), 290: ("POL", "Poland"), 300: ("AUH", "Austria-Hungary"),
        305: ("AUS", "Austria"), 310: ("HUN", "Hungary"), 315: ("CZE", "Czechoslovakia"), 316: ("CZR", "Czech Republic"),
        317: ("SLO", "Slovakia"), 325: ("ITA", "Italy"), 327: ("PAP", "Papal States"), 329: ("SIC", "Two Sicilies"),
        331: ("SNM", "San Marino"), 332: ("MOD", "Modena"), 335: ("PMA", "Parma"), 337: ("TUS", "Tuscany"),
        338: ("MLT", "Malta"), 339: ("ALB", "Albania"), 341: ("MNG", "Montenegro"), 343: ("MAC", "Macedonia"),
        344: ("CRO", "Croatia"), 345: ("YUG", "Yugoslavia"), 346: ("BOS", "Bosnia and Herzegovina"), 347: ("KOS", "Kosovo"),
        349: ("SLV", "Slovenia"), 350: ("GRC", "Greece"), 352: ("CYP", "Cyprus"), 355: ("BUL", "Bulgaria"),
        359: ("MLD", "Moldova"), 360: ("ROM", "Romania"), 365: ("RUS", "Russia"), 366: ("EST", "Estonia"),
        367: ("LAT", "Latvia"), 368: ("LIT", "Lithuania"), 369: ("UKR", "Ukraine"), 370: ("BLR", "Belarus"),
        371: ("ARM", "Armenia"), 372: ("GRG", "Georgia"), 373: ("AZE", "Azerbaijan"), 375: ("FIN", "Finland"),
        380: ("SWD", "Sweden"), 385: ("NOR", "Norway"), 390: ("DEN", "Denmark"), 395: ("ICE", "Iceland"),
        402: ("CAP", "Cape Verde"), 404: ("GNB", "Guinea-Bissau"), 411: ("EQG", "Equatorial Guinea"), 420: ("GAM", "Gambia"),
        432: ("MLI", "Mali"), 433: ("SEN", "Senegal"), 434: ("BEN", "Benin"), 435: ("MAA", "Mauritania"),
        436: ("NIR", "Niger"), 437: ("CDI", "Ivory Coast"), 438: ("GUI", "Guinea"), 439: ("BFO", "Burkina Faso"),
        450: ("LBR", "Liberia"), 451: ("SIE", "Sierra Leone"), 452: ("GHA", "Ghana"), 461: ("TOG", "Togo"),
        471: ("CAO", "Cameroon"), 475: ("NIG", "Nigeria"), 481: ("GAB", "Gabon"), 482: ("CEN", "Central African Republic"),
        483: ("CHA", "Chad"), 484: ("CON", "Congo"), 490: ("DRC", "Democratic Republic of the Congo"), 500: ("UGA", "Uganda"),
        501: ("KEN", "Kenya"), 510: ("TAZ", "Tanzania"), 511: ("ZAN", "Zanzibar"), 516: ("BUI", "Burundi"),
        517: ("RWA", "Rwanda"), 520: ("SOM", "Somalia"), 522: ("DJI", "Djibouti"), 530: ("ETH", "Ethiopia"),
        531: ("ERI", "Eritrea"), 540: ("ANG", "Angola"), 541: ("MZM", "Mozambique"), 551: ("ZAM", "Zambia"),
        552: ("ZIM", "Zimbabwe"), 553: ("MAW", "Malawi"), 560: ("SAF", "South Africa"), 565: ("NAM", "Namibia"),
        570: ("LES", "Lesotho"), 571: ("BOT", "Botswana"), 572: ("SWA", "Swaziland"), 580: ("MAG", "Madagascar"),
        581: ("COM", "Comoros"), 590: ("MAS", "Mauritius"), 591: ("SEY", "Seychelles"), 600: ("MOR", "Morocco"),
        615: ("ALG", "Algeria"), 616: ("TUN", "Tunisia"), 620: ("LIB", "Libya"), 625: ("SUD", "Sudan"),
        626: ("SSD", "South Sudan"), 630: ("IRN", "Iran"), 640: ("TUR", "Turkey"), 645: ("IRQ", "Iraq"),
        651: ("EGY", "Egypt"), 652: ("SYR", "Syria"), 660: ("LEB", "Lebanon"), 663: ("JOR", "Jordan"),
        666: ("ISR", "Israel"), 670: ("SAU", "Saudi Arabia"), 678: ("YAR", "Yemen Arab Republic"), 679: ("YEM", "Yemen"),
        680: ("YPR", "Yemen People's Republic"), 690: ("KUW", "Kuwait"), 692: ("BAH", "Bahrain"), 694: ("QAT", "Qatar"),
        696: ("UAE", "United Arab Emirates"), 698: ("OMA", "Oman"), 700: ("AFG", "Afghanistan"), 701: ("TKM", "Turkmenistan"),
        702: ("TAJ", "Tajikistan"), 703: ("KYR", "Kyrgyzstan"), 704: ("UZB", "Uzbekistan"), 705: ("KZK", "Kazakhstan"),
        710: ("CHN", "China"), 712: ("MON", "Mongolia"), 713: ("TAW", "Taiwan"), 730: ("KOR", "Korea"),
        731: ("PRK", "North Korea"), 732: ("ROK", "South Korea"), 740: ("JPN", "Japan"), 750: ("IND", "India"),
        760: ("BHU", "Bhutan"), 770: ("PAK", "Pakistan"), 771: ("BNG", "Bangladesh"), 775: ("MYA", "Myanmar"),
        780: ("SRI", "Sri Lanka"), 781: ("MAD", "Maldives"), 790: ("NEP", "Nepal"), 800: ("THI", "Thailand"),
        811: ("CAM", "Cambodia"), 812: ("LAO", "Laos"), 816: ("DRV", "Vietnam"), 817: ("RVN", "Republic of Vietnam"),
        820: ("MAL", "Malaysia"), 830: ("SIN", "Singapore"), 835: ("BRU", "Brunei"), 840: ("PHI", "Philippines"),
        850: ("INS", "Indonesia"), 860: ("ETM", "East Timor"), 900: ("AUL", "Australia"), 910: ("PNG", "Papua New Guinea"),
        920: ("NEW", "New Zealand"), 935: ("VAN", "Vanuatu"), 940: ("SOL", "Solomon Islands"), 946: ("KIR", "Kiribati"),
        947: ("TUV", "Tuvalu"), 950: ("FIJ", "Fiji"), 955: ("TON", "Tonga"), 970: ("NAU", "Nauru"),
        983: ("MSI", "Marshall Islands"), 986: ("PAL", "Palau"), 987: ("FSM", "Federated States of Micronesia"),
        990: ("WSM", "Samoa"),
    ]
}
