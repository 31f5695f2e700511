# Déploiement — équipe «données» 🚀
ARG MAINTAINER="Zoë Ångström"
FROM python:3.12
CMD ["python", "-c", "print(\"héllo\")"]
