using System.Text;
using ApiServer.Http;
using ApiServer.Options;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ApiServer.Hosting;

/// <summary>HS256 bearer tokens; the user is <c>sub</c>; failures answer the API's JSON error body.</summary>
public static class JwtAuthentication
{
    public static IServiceCollection AddPipelineJwtAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) =>
            {
                // Keep claim names as issued ("sub" stays "sub").
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.Value.SigningKey)),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = CurrentUser.SubjectClaim,
                };
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (string.IsNullOrEmpty(context.Principal?.FindFirst(CurrentUser.SubjectClaim)?.Value))
                        {
                            context.Fail("The token has no 'sub' claim.");
                        }
                        return Task.CompletedTask;
                    },
                    OnChallenge = async context =>
                    {
                        // Replace the bare 401 with the API's error body; never echo the token.
                        context.HandleResponse();
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                        await ApiErrors.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ErrorKeys.Unauthorized,
                            context.AuthenticateFailure is null
                                ? "A bearer token is required."
                                : "The bearer token is invalid or expired.");
                    },
                };
            });
        services.AddAuthorization();
        return services;
    }
}
