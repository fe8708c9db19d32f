// Runs HeidelTime (standalone jar) on a folder of documents in one JVM: for each
// NAME.txt with its creation date in NAME.dct (yyyy-MM-dd), writes NAME.tml.
// Used by bench/timex_vs_heideltime.py; one JVM start instead of one per document.
import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.SimpleDateFormat;
import java.util.Arrays;

public class HeidelBatch {
    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone ht = new HeidelTimeStandalone(Language.ENGLISH, DocumentType.NEWS,
                OutputType.TIMEML, args[0], POSTagger.TREETAGGER, false);
        SimpleDateFormat fmt = new SimpleDateFormat("yyyy-MM-dd");
        File[] files = new File(args[1]).listFiles((d, n) -> n.endsWith(".txt"));
        Arrays.sort(files);
        for (File f : files) {
            String base = f.getPath().substring(0, f.getPath().length() - 4);
            String text = new String(Files.readAllBytes(f.toPath()), StandardCharsets.UTF_8);
            String dct = new String(Files.readAllBytes(new File(base + ".dct").toPath()), StandardCharsets.UTF_8).trim();
            String out = dct.isEmpty() ? ht.process(text) : ht.process(text, fmt.parse(dct));
            Files.write(new File(base + ".tml").toPath(), out.getBytes(StandardCharsets.UTF_8));
        }
    }
}
