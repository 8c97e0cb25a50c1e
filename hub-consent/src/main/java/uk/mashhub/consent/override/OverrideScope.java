package uk.mashhub.consent.override;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.PurposeCode;

/**
 * What an override lets through: records of these categories from one data-owning agency, for one
 * purpose (an override) or these named fields (a break-glass, which has no agreement to name them).
 */
public record OverrideScope(
        AgencyId provider,
        Set<DataCategory> categories,
        @Nullable PurposeCode purpose,
        List<String> fields) {

    public OverrideScope {
        if (provider == null) {
            throw new InvalidValue("override's data owner", "is required");
        }
        if (categories == null || categories.isEmpty()) {
            throw new InvalidValue("override's categories", "must name at least one data category");
        }
        categories = Set.copyOf(categories);
        fields =
                fields == null ? List.of() : fields.stream().distinct().sorted().toList();
    }

    public boolean covers(AgencyId provider, DataCategory category) {
        return this.provider.equals(provider) && categories.contains(category);
    }
}
