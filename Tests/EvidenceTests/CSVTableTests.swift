import Testing
@testable import Evidence

@Suite struct CSVTableTests {
    @Test func readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let text = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n"
        let t = try CSVTable(parsing: text)
        #expect(t.header == ["a", "b", "c"])
        #expect(t.rows.count == 2)
        #expect(t.rows[0].fields == ["1", "x, y", "say \"hi\""])
        #expect(t.rows[1].fields == ["2", "two\nlines", ""])
        #expect(t.rows[0].line == 2)
        #expect(t.rows[1].line == 3)
    }

    @Test func lastRecordWithoutLineBreakAndBlankLinesAndBOM() throws {
        let t = try CSVTable(parsing: "\u{FEFF}x,y\n\n3,4")
        #expect(t.header == ["x", "y"])
        #expect(t.rows.map(\.fields) == [["3", "4"]])
        #expect(t.rows[0].line == 3)
    }

    @Test func numbersTreatEmptyAndStataDotAsMissing() throws {
        let t = try CSVTable(parsing: "v,w\n1.0,\n.,-2.5e1\n")
        #expect(try t.number(t.rows[0], "v") == 1.0)
        #expect(try t.number(t.rows[0], "w") == nil)
        #expect(try t.number(t.rows[1], "v") == nil)
        #expect(try t.number(t.rows[1], "w") == -25)
    }

    @Test func nonNumericCellIsALocatedError() throws {
        let t = try CSVTable(parsing: "v,w\n1,abc\n")
        #expect(throws: EvidenceError(line: 2, column: 3, "column 'w': 'abc' is not a number")) {
            try t.number(t.rows[0], "w")
        }
    }

    @Test func unterminatedQuoteIsReportedWhereItOpens() {
        #expect(throws: EvidenceError(line: 2, column: 3, "this quoted field is never closed")) {
            try CSVTable(parsing: "a,b\n1,\"open\n")
        }
    }

    @Test func strayQuoteAndTextAfterClosingQuoteAreErrors() {
        #expect(throws: EvidenceError(line: 2, column: 4,
                                      "a quote inside an unquoted field: quote the whole field and double the quote")) {
            try CSVTable(parsing: "a,b\n1,x\"y\n")
        }
        #expect(throws: EvidenceError(line: 2, column: 6,
                                      "unexpected character after a closing quote: expected ',' or the end of the line")) {
            try CSVTable(parsing: "a,b\n1,\"x\"y\n")
        }
    }

    @Test func recordWithWrongFieldCountIsAnError() {
        #expect(throws: EvidenceError(line: 3, column: 1, "this record has 3 fields but the header has 2")) {
            try CSVTable(parsing: "a,b\n1,2\n1,2,3\n")
        }
    }

    @Test func headerProblems() {
        #expect(throws: EvidenceError(line: 1, column: 1, "the file is empty: expected a header line")) {
            try CSVTable(parsing: "")
        }
        #expect(throws: EvidenceError(line: 1, column: 3, "column 'a' appears twice in the header")) {
            try CSVTable(parsing: "a,a\n1,2\n")
        }
    }

    @Test func errorLocationNamesTheFile() {
        let e = EvidenceError(line: 4, column: 2, "bad")
        #expect(e.located(in: "x.csv") == "x.csv:4:2: bad")
        #expect(EvidenceError("no place").located(in: "x.csv") == "x.csv: no place")
    }
}
