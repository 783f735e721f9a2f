package io.sark.migrate.engine.changelog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The revisions of a changelog in order, and the names users give them: ids, file names, relative steps.
 * Index {@code -1} is base, the state before the first revision.
 */
public final class Revisions {

    /** The name of the state before the first revision. */
    public static final String BASE = "base";

    /** The name of the latest revision of the changelog. */
    public static final String HEAD = "head";

    private final List<Revision> revisions;

    public Revisions(List<Revision> revisions) {
        this.revisions = List.copyOf(revisions);
    }

    public List<Revision> all() {
        return revisions;
    }

    public List<String> ids() {
        return revisions.stream().map(Revision::id).toList();
    }

    /** The position of revision {@code id}, or -1 for {@value #BASE}. */
    public int indexOf(String id) {
        if (BASE.equals(id)) {
            return -1;
        }
        List<String> ids = ids();
        int index = ids.indexOf(id);
        if (index < 0) {
            throw new IllegalArgumentException("not a revision: " + id);
        }
        return index;
    }

    /** The id at {@code index}, or {@value #BASE} for -1. */
    public String idAt(int index) {
        return index < 0 ? BASE : revisions.get(index).id();
    }

    public String head() {
        return revisions.isEmpty() ? BASE : revisions.get(revisions.size() - 1).id();
    }

    /**
     * The revision a user means by {@code name}: its id; or its file name, with or without extension; or the file
     * name SARK's Alembic setup gave it ({@code 002_add_api_keys.py} for {@code 002_api_keys}: same number, and every
     * word of the id in the name). Anything else is refused with the closest ids.
     */
    public Revision resolve(String name) {
        String bare = name.replaceFirst("\\.(ya?ml|xml|sql|py)$", "");
        for (Revision r : revisions) {
            if (r.id().equals(name) || r.fileStem().equals(bare) || r.id().equals(bare)) {
                return r;
            }
        }
        Optional<Revision> alembic = alembicFileName(bare);
        if (alembic.isPresent()) {
            return alembic.get();
        }
        throw new UnknownRevisionException("unknown revision '" + name + "'. " + closest(name));
    }

    private Optional<Revision> alembicFileName(String name) {
        int underscore = name.indexOf('_');
        if (underscore <= 0 || !name.substring(0, underscore).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        String number = name.substring(0, underscore + 1);
        Set<String> words = new HashSet<>(Arrays.asList(name.substring(underscore + 1).toLowerCase(Locale.ROOT).split("_")));
        List<Revision> matches = revisions.stream()
                .filter(r -> r.id().startsWith(number))
                .filter(r -> words.containsAll(Arrays.asList(r.id().substring(number.length()).toLowerCase(Locale.ROOT).split("_"))))
                .toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** "Did you mean …" with the ids nearest to {@code name}, or the whole list when none is near. */
    public String closest(String name) {
        List<String> near = new ArrayList<>(ids().stream()
                .filter(id -> distance(name, id) <= Math.max(3, id.length() / 3) || sameNumber(name, id) || sharesAWord(name, id))
                .sorted(Comparator.comparingInt(id -> distance(name, id)))
                .limit(3)
                .toList());
        if (!near.isEmpty()) {
            return "Did you mean " + String.join(" or ", near) + "?";
        }
        return "Known revisions: " + (revisions.isEmpty() ? "none" : String.join(", ", ids())) + ".";
    }

    private static boolean sameNumber(String name, String id) {
        int underscore = id.indexOf('_');
        return underscore > 0 && name.startsWith(id.substring(0, underscore + 1));
    }

    /** Whether the two share a word of four letters or more ("policies", "keys"). */
    private static boolean sharesAWord(String name, String id) {
        Set<String> words = new HashSet<>(Arrays.asList(name.toLowerCase(Locale.ROOT).split("[^a-z]+")));
        return Arrays.stream(id.toLowerCase(Locale.ROOT).split("[^a-z]+")).anyMatch(w -> w.length() >= 4 && words.contains(w));
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * The revision to upgrade to from {@code currentIndex}: {@code head}, {@code +N}, or a revision name. Refuses a
     * target behind the database, or past head.
     */
    public String upgradeTarget(String target, int currentIndex) {
        return upgradeTarget(target, new Position(idAt(currentIndex), currentIndex, null));
    }

    /**
     * The revision to upgrade to from {@code at}: {@code head}, {@code +N} (counted from the last complete revision,
     * so {@code +1} finishes a revision a run stopped inside), or a revision name. Refuses a target behind the
     * database, or past head.
     */
    public String upgradeTarget(String target, Position at) {
        int currentIndex = at.index();
        int index;
        if (HEAD.equals(target)) {
            return head();
        } else if (target.matches("\\+\\d+")) {
            long steps = steps(target);
            if (currentIndex + steps >= revisions.size()) {
                throw new UnknownRevisionException("cannot upgrade " + target + ": the database is " + at.describe()
                        + " and only " + (revisions.size() - 1 - currentIndex) + " revision(s) are pending.");
            }
            index = currentIndex + (int) steps;
        } else {
            index = indexOf(resolve(target).id());
            if (index < currentIndex) {
                throw new UnknownRevisionException("the database is " + at.describe() + ", past " + idAt(index)
                        + ": use 'downgrade " + idAt(index) + "' to go back to it.");
            }
        }
        return idAt(index);
    }

    /**
     * The revision to downgrade to from {@code currentIndex}: {@code base}, {@code -N}, or a revision name. Refuses a
     * target ahead of the database, or below base.
     */
    public String downgradeTarget(String target, int currentIndex) {
        return downgradeTarget(target, new Position(idAt(currentIndex), currentIndex, null));
    }

    /**
     * The revision to downgrade to from {@code at}: {@code base}, {@code -N}, or a revision name. A revision the
     * database is part-way through counts as the one to roll back first: {@code -1} from part-way through 007 goes to
     * 006, undoing only what is left of 007. Refuses a target ahead of the database, or below base.
     */
    public String downgradeTarget(String target, Position at) {
        int reach = at.reach();
        int index;
        if (BASE.equals(target)) {
            return BASE;
        } else if (target.matches("-\\d+")) {
            long steps = steps(target);
            if (reach - steps < -1) {
                throw new UnknownRevisionException("cannot downgrade " + target + ": the database is " + at.describe() + ", "
                        + (reach + 1) + " revision(s) above base; that would go below base.");
            }
            index = reach - (int) steps;
        } else {
            index = indexOf(resolve(target).id());
            if (index > reach) {
                throw new UnknownRevisionException("the database is " + at.describe() + ", before " + idAt(index)
                        + ": use 'upgrade " + idAt(index) + "' to go forward to it.");
            }
        }
        return idAt(index);
    }

    /** The N of {@code +N} or {@code -N}; a number too long for a long is as out of range as any other too large. */
    private static long steps(String target) {
        String digits = target.substring(1).replaceFirst("^0+(?=\\d)", "");
        return digits.length() > 18 ? Long.MAX_VALUE / 2 : Long.parseLong(digits);
    }
}
