// The shared mock plumbing (Mocks.Common), closed over this mock's fault spec and request record.
global using FaultInjector = Mocks.Common.Faults.FaultInjector<MockLlamaParse.Faults.FaultSpec>;
global using FaultPlan = Mocks.Common.Faults.FaultPlan<MockLlamaParse.Faults.FaultSpec>;
global using RequestLog = Mocks.Common.Requests.RequestLog<MockLlamaParse.Admin.RequestRecord>;
