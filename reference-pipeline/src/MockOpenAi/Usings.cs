// The shared mock plumbing (Mocks.Common), closed over this mock's fault spec and request record.
global using FaultInjector = Mocks.Common.Faults.FaultInjector<MockOpenAi.Faults.FaultSpec>;
global using FaultPlan = Mocks.Common.Faults.FaultPlan<MockOpenAi.Faults.FaultSpec>;
global using RequestLog = Mocks.Common.Requests.RequestLog<MockOpenAi.Admin.RequestRecord>;
