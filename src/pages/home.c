/*
 * home.c — "Mijn werk", the start page: what this user has to do today.
 *
 * The foundation shows, per role the user holds, where the work is. The areas
 * (handovers, cases, leertafel) add their own panels through the hooks below.
 * It shows no client data itself; panels that do are audited by their areas.
 */
#include "pages/leertafel.h"
#include "pages/handovers.h"
#include "pages/pages.h"

#include "auth/roles.h"
#include "server/respond.h"

void page_home_show(request *rq)
{
	tv *ctx = page_ctx(rq, "Mijn werk");
	tv *roles = tv_list(rq->a);
	for (int i = 0; i < ROLE_COUNT; i++) {
		unsigned r = role_at(i);
		if (!(rq->user->roles & r))
			continue;
		tv *item = tv_obj(rq->a);
		tv_set_str(item, "label", role_label(r));
		tv_set_bool(item, role_name(r), true);
		tv_push(roles, item);
	}
	tv_set(ctx, "roles", roles);
	/* area panels (each area adds one call here) */
	leertafel_home_panel(rq, ctx);
	handover_home_panel(rq, ctx);
	/* end of area panels */
	respond_page(rq, 200, "home", ctx);
}
