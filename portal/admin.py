"""Admin building blocks shared by the apps."""

from django.contrib import admin

from accounts import permissions


class RegionScopedAdmin(admin.ModelAdmin):
    """Rows, and the kraj / ORP / coalition choices of forms, limited to the kraje a coordinator manages.

    `region_path` is the lookup from the model to territory.Kraj ("kraj", "orp__kraj", "coalition__kraj").
    Superusers see everything; opening another region's object by URL finds nothing.
    """

    region_path = ""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.region_path}__in": permissions.coordinated_kraje(request.user)})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            kraje = permissions.coordinated_kraje(request.user)
            model = db_field.related_model
            if db_field.name == "kraj":
                kwargs["queryset"] = model.objects.filter(pk__in=kraje)
            elif db_field.name == "orp":
                kwargs["queryset"] = model.objects.filter(kraj__in=kraje)
            elif db_field.name == "coalition":
                kwargs["queryset"] = model.objects.filter(kraj__in=kraje)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
