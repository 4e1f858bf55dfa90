/** The PDF/A report of a vote (PDFBox), in German or English. */
package org.plenum.voting.report;
