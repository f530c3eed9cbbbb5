// Pactum: contract management and performance evaluation, closed loop.
// The one header an integrator includes.
#pragma once

#include "pactum/version.hpp"
#include "pactum/core/date.hpp"
#include "pactum/core/decimal.hpp"
#include "pactum/core/error.hpp"
#include "pactum/core/money.hpp"
#include "pactum/core/text.hpp"
#include "pactum/approval/approval.hpp"
#include "pactum/approval/route.hpp"
#include "pactum/approval/routing.hpp"
#include "pactum/kpi/period.hpp"
#include "pactum/kpi/scorecard.hpp"
#include "pactum/kpi/template.hpp"
#include "pactum/numbering/pattern.hpp"
#include "pactum/report/report.hpp"
#include "pactum/report/table.hpp"
#include "pactum/store/database.hpp"
#include "pactum/store/documents.hpp"
#include "pactum/tracking/reminder.hpp"
