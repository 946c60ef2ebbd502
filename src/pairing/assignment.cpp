#include "pairing/assignment.h"

#include <lemon/cost_scaling.h>
#include <lemon/list_graph.h>
#include <lemon/network_simplex.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace shuanglian::pairing {

namespace {

using Graph = lemon::ListDigraph;

// Adds the arcs of a cadre's load to `sink`: one per band of `load_step` households, each
// band's unit cost one step higher: the convex, piecewise-linear load cost.
template <typename ArcAdder>
void AddLoadArcs(const Cadre& cadre, const CostModel& model, ArcAdder add) {
  std::int64_t next = cadre.load + 1;
  const std::int64_t last = cadre.load + cadre.capacity;
  while (next <= last) {
    const std::int64_t band = (next - 1) / model.load_step;
    const std::int64_t band_end = std::min(last, (band + 1) * model.load_step);
    add(band_end - next + 1, band * model.load_cost_per_step);
    next = band_end + 1;
  }
}

}  // namespace

std::int64_t CostModel::LoadCost(std::int64_t households) const {
  std::int64_t cost = 0;
  for (std::int64_t k = 1; k <= households; ++k) {
    cost += ((k - 1) / load_step) * load_cost_per_step;
  }
  return cost;
}

Solution Solve(const Problem& problem, const CostModel& model) {
  const int villages = static_cast<int>(problem.township_of.size());
  Graph graph;
  Graph::ArcMap<std::int64_t> capacity(graph);
  Graph::ArcMap<std::int64_t> cost(graph);
  Graph::NodeMap<std::int64_t> supply(graph, 0);
  const auto arc = [&](Graph::Node from, Graph::Node to, std::int64_t cap, std::int64_t unit_cost) {
    const Graph::Arc created = graph.addArc(from, to);
    capacity[created] = cap;
    cost[created] = unit_cost;
    return created;
  };
  const Graph::Node sink = graph.addNode();
  std::vector<Graph::Node> village_nodes(static_cast<std::size_t>(villages));
  for (auto& node : village_nodes) {
    node = graph.addNode();
  }
  std::vector<Graph::Node> township_nodes(static_cast<std::size_t>(problem.townships));
  for (auto& node : township_nodes) {
    node = graph.addNode();
  }
  std::vector<Graph::Node> cadre_nodes(problem.cadres.size());
  for (std::size_t index = 0; index < problem.cadres.size(); ++index) {
    cadre_nodes[index] = graph.addNode();
    AddLoadArcs(problem.cadres[index], model, [&](std::int64_t cap, std::int64_t unit_cost) {
      arc(cadre_nodes[index], sink, cap, unit_cost);
    });
  }
  std::int64_t total = 0;
  std::vector<Graph::Arc> placed_arcs;
  for (const HouseholdGroup& group : problem.groups) {
    const Graph::Node node = graph.addNode();
    supply[node] = group.count;
    total += group.count;
    placed_arcs.push_back(arc(node, village_nodes[static_cast<std::size_t>(group.village)],
                              group.count, -model.Reward(group.priority)));
    arc(node, sink, group.count, 0);  // left unassigned
  }
  supply[sink] = -total;
  const std::int64_t unbounded = total;
  std::vector<std::vector<std::pair<int, Graph::Arc>>> first(static_cast<std::size_t>(villages));
  std::vector<Graph::Arc> to_township(static_cast<std::size_t>(villages));
  for (int village = 0; village < villages; ++village) {
    for (const int cadre : problem.village_cadres[static_cast<std::size_t>(village)]) {
      first[static_cast<std::size_t>(village)].push_back(
          {cadre, arc(village_nodes[static_cast<std::size_t>(village)],
                      cadre_nodes[static_cast<std::size_t>(cadre)], unbounded, 0)});
    }
    to_township[static_cast<std::size_t>(village)] =
        arc(village_nodes[static_cast<std::size_t>(village)],
            township_nodes[static_cast<std::size_t>(
                problem.township_of[static_cast<std::size_t>(village)])],
            unbounded, model.township_cost);
  }
  std::vector<std::vector<std::pair<int, Graph::Arc>>> second(
      static_cast<std::size_t>(problem.townships));
  for (int township = 0; township < problem.townships; ++township) {
    for (const int cadre : problem.township_cadres[static_cast<std::size_t>(township)]) {
      second[static_cast<std::size_t>(township)].push_back(
          {cadre, arc(township_nodes[static_cast<std::size_t>(township)],
                      cadre_nodes[static_cast<std::size_t>(cadre)], unbounded, 0)});
    }
  }

  lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t> simplex(graph);
  simplex.upperMap(capacity).costMap(cost).supplyMap(supply);
  if (simplex.run() != lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t>::OPTIMAL) {
    throw std::runtime_error("结对分配问题无解（网络流求解失败）");
  }
  Solution solution;
  solution.cost = simplex.totalCost<std::int64_t>();
  for (std::size_t index = 0; index < problem.groups.size(); ++index) {
    const std::int64_t placed = simplex.flow(placed_arcs[index]);
    solution.assigned_per_group.push_back(placed);
    solution.assigned += placed;
  }
  solution.village_to_cadre.resize(static_cast<std::size_t>(villages));
  solution.village_to_township.resize(static_cast<std::size_t>(villages));
  for (int village = 0; village < villages; ++village) {
    for (const auto& [cadre, link] : first[static_cast<std::size_t>(village)]) {
      if (const std::int64_t flow = simplex.flow(link); flow > 0) {
        solution.village_to_cadre[static_cast<std::size_t>(village)].push_back({cadre, flow});
      }
    }
    solution.village_to_township[static_cast<std::size_t>(village)] =
        simplex.flow(to_township[static_cast<std::size_t>(village)]);
  }
  solution.township_to_cadre.resize(static_cast<std::size_t>(problem.townships));
  for (int township = 0; township < problem.townships; ++township) {
    for (const auto& [cadre, link] : second[static_cast<std::size_t>(township)]) {
      if (const std::int64_t flow = simplex.flow(link); flow > 0) {
        solution.township_to_cadre[static_cast<std::size_t>(township)].push_back({cadre, flow});
      }
    }
  }
  return solution;
}

std::int64_t SolveExactly(const Problem& problem, const CostModel& model) {
  Graph graph;
  Graph::ArcMap<std::int64_t> capacity(graph);
  Graph::ArcMap<std::int64_t> cost(graph);
  Graph::NodeMap<std::int64_t> supply(graph, 0);
  const auto arc = [&](Graph::Node from, Graph::Node to, std::int64_t cap, std::int64_t unit_cost) {
    const Graph::Arc created = graph.addArc(from, to);
    capacity[created] = cap;
    cost[created] = unit_cost;
  };
  const Graph::Node sink = graph.addNode();
  std::vector<Graph::Node> cadre_nodes(problem.cadres.size());
  for (std::size_t index = 0; index < problem.cadres.size(); ++index) {
    cadre_nodes[index] = graph.addNode();
    AddLoadArcs(problem.cadres[index], model, [&](std::int64_t cap, std::int64_t unit_cost) {
      arc(cadre_nodes[index], sink, cap, unit_cost);
    });
  }
  std::int64_t total = 0;
  for (const HouseholdGroup& group : problem.groups) {
    const auto village = static_cast<std::size_t>(group.village);
    const auto township = static_cast<std::size_t>(problem.township_of[village]);
    for (std::int64_t household = 0; household < group.count; ++household) {
      // Every household on its own, with an arc to every cadre it may go to.
      const Graph::Node node = graph.addNode();
      supply[node] = 1;
      ++total;
      arc(node, sink, 1, 0);
      for (const int cadre : problem.village_cadres[village]) {
        arc(node, cadre_nodes[static_cast<std::size_t>(cadre)], 1, -model.Reward(group.priority));
      }
      for (const int cadre : problem.township_cadres[township]) {
        arc(node, cadre_nodes[static_cast<std::size_t>(cadre)], 1,
            -model.Reward(group.priority) + model.township_cost);
      }
    }
  }
  supply[sink] = -total;
  lemon::CostScaling<Graph, std::int64_t, std::int64_t> scaling(graph);
  scaling.upperMap(capacity).costMap(cost).supplyMap(supply);
  if (scaling.run() != lemon::CostScaling<Graph, std::int64_t, std::int64_t>::OPTIMAL) {
    throw std::runtime_error("参照求解失败");
  }
  return scaling.totalCost<std::int64_t>();
}

std::int64_t SolveGreedily(const Problem& problem, const CostModel& model) {
  std::vector<std::size_t> order(problem.groups.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return problem.groups[a].priority > problem.groups[b].priority;
  });
  std::vector<std::int64_t> load(problem.cadres.size());
  std::vector<std::int64_t> room(problem.cadres.size());
  for (std::size_t index = 0; index < problem.cadres.size(); ++index) {
    load[index] = problem.cadres[index].load;
    room[index] = problem.cadres[index].capacity;
  }
  std::int64_t total = 0;
  for (const std::size_t group_index : order) {
    const HouseholdGroup& group = problem.groups[group_index];
    const auto village = static_cast<std::size_t>(group.village);
    const auto township = static_cast<std::size_t>(problem.township_of[village]);
    for (std::int64_t household = 0; household < group.count; ++household) {
      int best = -1;
      std::int64_t best_cost = 0;
      const auto consider = [&](int cadre, std::int64_t extra) {
        const auto index = static_cast<std::size_t>(cadre);
        if (room[index] == 0) {
          return;
        }
        const std::int64_t marginal =
            (load[index] / model.load_step) * model.load_cost_per_step + extra;
        if (best < 0 || marginal < best_cost) {
          best = cadre;
          best_cost = marginal;
        }
      };
      for (const int cadre : problem.village_cadres[village]) {
        consider(cadre, 0);
      }
      for (const int cadre : problem.township_cadres[township]) {
        consider(cadre, model.township_cost);
      }
      if (best < 0) {
        continue;
      }
      total += best_cost - model.Reward(group.priority);
      ++load[static_cast<std::size_t>(best)];
      --room[static_cast<std::size_t>(best)];
    }
  }
  return total;
}

}  // namespace shuanglian::pairing
