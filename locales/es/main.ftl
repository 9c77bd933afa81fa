## Lo que rodea cada página.

site-name = Undersigned
skip-to-content = Ir al contenido
nav-site = Sitio
nav-dashboard = Panel
nav-moderation = Moderación
nav-log-out = Cerrar sesión
nav-log-in = Iniciar sesión
nav-start-letter = Empezar una carta
footer-tagline = Undersigned: cartas abiertas, firmas confirmadas, recuentos verdaderos.
footer-atom = Cartas nuevas (canal Atom)
language-switcher = Idioma
language-name = Español
see-all-letters = Ver todas las cartas

## Recuentos.

count-signatures = { $n ->
    [one] { $count } firma
   *[other] { $count } firmas
}
count-signatures-label = Firmas hasta ahora
count-signed = { $count } firmaron
count-online-verified-paper = { $online } en línea, { $verified } de ellas verificadas, + { $paper } en papel
count-verified = { $count } desde direcciones verificadas
count-goal = Meta: { $count } firmas

## La página de la carta.

letter-kind = Carta abierta
letter-kind-closed = cerrada
letter-part-of = parte de <a href="{ $url }">{ $title }</a>
letter-to = Para: { $to }
letter-sign-aside = Firmar
letter-goal-reached = Meta alcanzada el { $date }.
letter-closes-on = Se cierra el { $date }.
letter-closed = <strong>Esta carta está cerrada.</strong> Ya no acepta firmas; la lista de abajo es definitiva.
letter-pdf = La carta con sus firmas (PDF)
letter-check = Cómo comprobar este recuento
letter-updates-feed-title = Novedades sobre { $title }
letter-delivered = Entregada
letter-delivered-to = Entregada a { $to } el <time datetime="{ $date }">{ $on }</time> con { $count } firmas.
letter-updates = Novedades
letter-response-from = Respuesta de { $from }:
letter-follow-updates = Seguir las novedades (canal Atom)
letter-why-they-signed = Por qué firmaron
letter-recently-signed = Firmaron hace poco
letter-chart = Firmas a lo largo del tiempo
letter-chart-alt = Un gráfico de las { $count } firmas según cuándo se confirmaron.
letter-chart-caption = Contadas por la hora (o el día) en que se confirmó cada firma. <a href="{ $data }">Los datos (JSON)</a> · <a href="{ $chart }">el gráfico solo</a>.
letter-groups = Firmas por { $noun }
letter-find-group = Buscar un grupo
letter-find-your-group = Busca tu { $noun }
search = Buscar
letter-group-signed = <strong>{ $count }</strong> firmaron
letter-group-verified = { $count } verificadas
letter-group-progress = { $name }: { $progress } % de su meta de { $goal }
letter-no-group = Ningún { $noun } coincide.
letter-no-group-query = Ningún { $noun } coincide con «{ $q }».
letter-start-pledge = Empieza un compromiso en el tuyo con el formulario de arriba.
letter-spread = Corre la voz
letter-embed = En tu propio sitio: la <a href="{ $badge }">insignia con el recuento</a> o el <a href="{ $embed }">widget</a> (<code>{ $code }</code>).

## Una persona firmante.

signatory-anonymous = Anónimo
signatory-verified = — dirección verificada de { $domain }
signatory-verified-title = Confirmada desde una dirección de { $domain }

## La lista de firmantes.

signatories = Firmantes
signatories-from = Firmantes de { $group }
signatories-search = Buscar entre quienes firmaron
signatories-search-label = Busca en la lista por nombre, cargo o afiliación
signatories-none-match = Nadie en la lista coincide con «{ $who }».
signatories-matches = { $n ->
    [one] Una persona coincide con «{ $who }».
   *[other] { $count } personas coinciden con «{ $who }».
}
signatories-show-all = Ver la lista entera
signatories-none = Todavía no hay firmas confirmadas.
signatories-matches-label = Coincidencias
signatories-pages = Páginas de firmantes
page-previous = Anterior
page-next = Siguiente
page-of = Página { $page } de { $pages }
signatories-paper = Firmadas en papel
signatories-paper-note = Recogidas en hojas de papel por quienes organizan; contadas, nunca verificadas.
signatories-paper-batch = <strong>{ $count }</strong> en papel, recogidas el <time datetime="{ $date }">{ $on }</time> en { $place }
signatories-on-paper = (en papel)
signatories-csv = Descargar la lista (CSV)

## El formulario para firmar.

sign-title = Firma esta carta
sign-title-group = Firma esta carta con { $group }
sign-privacy = Tu nombre, cargo y afiliación aparecen en la lista (tu nombre no, si firmas de forma anónima). Tu correo, nunca.
sign-discreet-letter = Esta carta es discreta
sign-discreet-group = Firmar con { $groups } es discreto
sign-discreet-help = : el correo que te enviamos para confirmar solo dice «Confirma tu firma», sin nombrar la carta ni a quién va dirigida, y cuando confirmes guardamos solo el dominio de tu dirección (para la insignia de verificación), nunca la dirección. Tu enlace de confirmación te sigue permitiendo retirar la firma.
sign-name = Nombre
sign-email = Correo electrónico
sign-email-note = (nunca se muestra; te enviamos un enlace para confirmar)
sign-email-help = Firma con tu dirección de { $noun } para aparecer como verificada, aunque firmes de forma anónima.
sign-title-field = Cargo o función
optional = (opcional)
sign-affiliation = Afiliación
sign-group-none = Ninguno
sign-group-only = (solo direcciones de { $domains })
sign-new-group = ¿No está en la lista? Empieza un compromiso en tu { $noun }
sign-new-group-note = (su nombre completo; aparece cuando quienes organizan lo aceptan, y tu firma cuenta mientras tanto)
sign-reason = Por qué firmas
sign-reason-note = (opcional, hasta 280 caracteres; se muestra con tu firma tal como la muestra la lista, cuando una persona moderadora lo aprueba)
sign-anonymous = Firmar de forma anónima: mostrar «Anónimo» en lugar de mi nombre
sign-updates = Quienes organizan pueden enviarme por correo novedades sobre esta carta
sign-updates-email = Una dirección personal para las novedades
sign-updates-email-note = (opcional; no la de tu trabajo: guardamos esta en su lugar, para enviarte las novedades)
sign-updates-email-note-groups = (opcional, para { $groups }; no la de tu trabajo: guardamos esta en su lugar, para enviarte las novedades)
sign-button = Firmar

## Después de firmar.

check-email-title = Revisa tu correo
check-email-sent = Te hemos enviado un correo sobre <a href="{ $url }">{ $title }</a>.
    Abre el enlace que contiene y pulsa el botón para confirmar: tu firma solo cuenta cuando está confirmada.
check-email-hours = El enlace funciona durante { $hours } horas. ¿No ha llegado nada? Mira en la carpeta de correo no deseado, o vuelve a firmar con la misma dirección para recibir un enlace nuevo.
confirm-title = Confirma tu firma
confirm-about = Vas a confirmar tu firma en <a href="{ $url }">{ $title }</a>.
confirm-button = Confirmar mi firma
thanks-title = Gracias
thanks-awaiting = Tu firma en <a href="{ $url }">{ $title }</a> está confirmada. Quienes organizan revisan las firmas de esta carta; la tuya aparecerá cuando la aprueben.
thanks-counts = Tu firma en <a href="{ $url }">{ $title }</a> está confirmada y ya cuenta.
thanks-place = Eres la firma <strong>n.º { $count }</strong>.
thanks-share = Pide a otras personas que firmen
thanks-share-why = Las cartas crecen cuando quienes firmaron las comparten. Comparte el enlace:
thanks-share-link = Enlace a la carta
thanks-receipt = Tu recibo
thanks-receipt-why = Cada firma de esta carta está en un registro público que cualquiera puede comprobar. Guarda este recibo: con él puedes encontrar tu propia entrada y demostrar que es tuya, aunque hayas firmado de forma anónima. Solo se muestra ahora; guardamos únicamente una huella de él.
thanks-receipt-download = Descargar el recibo
thanks-receipt-copy = O cópialo
thanks-withdraw = ¿Has cambiado de opinión? El correo que te enviamos tiene un enlace para retirar tu firma.
withdraw-title = Retira tu firma
withdraw-about = Vas a retirar tu firma de <a href="{ $url }">{ $title }</a>. Dejará de contar y saldrá de la lista.
withdraw-button = Retirar mi firma
withdrawn-title = Firma retirada
withdrawn-heading = Tu firma está retirada
withdrawn-about = Ya no cuenta para <a href="{ $url }">{ $title }</a> y ha salido de la lista.

## Errores.

error-not-found = No encontramos esa página.
error-forbidden = No puedes hacer eso. Si estabas rellenando un formulario, vuelve a cargar la página e inténtalo de nuevo.
error-bad-request = No pudimos entender esa petición.
error-internal = Algo ha fallado por nuestra parte. Inténtalo de nuevo dentro de un momento.
error-name-empty = Escribe tu nombre.
error-name-control = Tu nombre no puede contener caracteres de control.
error-name-long = Tu nombre es demasiado largo (como máximo { $max } caracteres).
error-name-url = Un nombre no puede contener una dirección web.
error-name-formula = Un nombre no puede empezar por =, +, - o @.
error-email-empty = Escribe tu dirección de correo.
error-email-long = Esa dirección de correo es demasiado larga.
error-email-invalid = Escribe una dirección de correo válida, como nombre@ejemplo.org.
error-text-chars = Usa solo letras, cifras y signos de puntuación.
error-text-long = Escribe menos de { $max } caracteres.
error-group-unknown = Elige uno de los grupos de esta carta.
error-group-name-short = Escribe el nombre completo del grupo.
error-group-both = Elige un grupo de la lista o propón uno nuevo, no las dos cosas.
error-group-no-proposals = Esta carta no acepta grupos nuevos; elige uno de sus grupos.
error-group-verified-only = { $group } solo acepta firmas desde direcciones de { $domains }. Usa esa dirección o elige otro grupo.
error-letter-closed = Esta carta está cerrada y ya no acepta firmas.
error-link-not-valid = Este enlace ha caducado o ya se ha usado.

## Correo a quienes firman.

mail-hello = Hola, { $name }:
mail-hello-anonymous = Hola:
mail-confirm-subject = Confirma tu firma en «{ $title }»
mail-confirm-thanks = Gracias por firmar «{ $title }».
mail-confirm-link = Confirma tu firma abriendo este enlace y pulsando el botón (funciona durante { $hours } horas):
mail-confirm-link-html = <a href="{ $url }">Confirma tu firma</a> abriendo este enlace y pulsando el botón (funciona durante { $hours } horas). Tu firma solo cuenta cuando está confirmada.
mail-confirm-counts = Tu firma solo cuenta cuando está confirmada.
mail-withdraw-any-time = Para retirar tu firma en cualquier momento, antes o después de confirmar:
mail-withdraw-any-time-html = Para retirar tu firma en cualquier momento, antes o después de confirmar: <a href="{ $url }">retirar</a>.
mail-footer-why = Recibes este correo porque alguien firmó esta carta con tu dirección. Si no fuiste tú, ignóralo: no se publica nada sin confirmación.
error-check-form = Revisa el formulario e inténtalo de nuevo.
mail-discreet-subject = Confirma tu firma
mail-discreet-already-subject = Ya has firmado
mail-already-signed = Alguien (probablemente tú) acaba de firmar «{ $title }» con esta dirección, que ya la había firmado. No hemos añadido una segunda firma.
mail-already-signed-discreet = Alguien (probablemente tú) acaba de firmar con esta dirección, que ya había firmado. No hemos añadido una segunda firma.
mail-not-confirmed = Tu firma aún no está confirmada. Para confirmarla, abre este enlace y pulsa el botón (funciona durante { $hours } horas):
mail-not-confirmed-html = Tu firma aún no está confirmada: <a href="{ $url }">confírmala</a> (el enlace funciona durante { $hours } horas).
mail-withdraw = Para retirar tu firma:
mail-withdraw-html = Para retirar tu firma: <a href="{ $url }">retirar</a>.
mail-discreet-behind-link = Lo que firmaste aparece al abrir el enlace.
mail-discreet-footer-why = Recibes este correo porque alguien usó tu dirección para firmar con Undersigned. Si no fuiste tú, ignóralo: no se publica nada sin confirmación.
noun-campus = campus
noun-company = empresa
noun-group = grupo
letter-languages = Esta carta en:

## La página de un grupo.

group-breadcrumb = Ruta de navegación
group-tally-label = Firmas de { $group }
group-in-all = { $count } firmaron la carta en total.
group-read-letter = Leer la carta
group-verified-note = Las firmas confirmadas desde una dirección de { $domains } aparecen como verificadas.
group-verified-only-note = Las firmas confirmadas desde una dirección de { $domains } aparecen como verificadas; este { $noun } solo acepta firmas así.

## La página de inicio.

home-feed-title = Cartas abiertas nuevas
home-title = Cartas abiertas y campañas
home-search = Buscar entre las cartas
home-search-titles = Buscar en los títulos
home-audience = Público
home-audience-everyone = Todo el mundo
home-show = Mostrar
home-show-all = Mostrar todo
home-campaigns = Campañas
home-campaign-count = <strong>{ $count }</strong> firmas en { $letters ->
    [one] { $letters } carta
   *[other] { $letters } cartas
}
home-campaign-verified = , { $count } desde direcciones verificadas
home-more-letters = Más cartas
home-letters = Cartas
home-no-match = Ninguna carta coincide.
home-none = Todavía no se ha publicado ninguna carta.
home-letter-count = <strong>{ $count }</strong> firmaron
home-letter-goal = de una meta de { $goal }

## Cómo comprobar este recuento.

check-title = Cómo comprobar este recuento
check-on = Sobre <a href="{ $url }">{ $title }</a>.
check-intro = No tienes que creernos la cifra de esta carta. Cada firma que entra en el recuento, y cada una que sale (retirada por quien firmó, u ocultada o rechazada por una persona moderadora, con el motivo), se escribe en un registro público que solo puede crecer. Las firmas recogidas en papel también están, marcadas como tales.
check-what = Qué es el registro
check-what-entry = Cada entrada dice qué pasó, cuándo, a qué firma (con un número anónimo) y lo que la lista pública muestra de ella, en una huella que no se puede invertir: el nombre de quien firmó de forma anónima nunca está en ella.
check-what-tree = Las entradas se encadenan en un árbol de huellas (un árbol de Merkle, como en Certificate Transparency). Su huella superior cambia si se cambia, se quita o se reordena cualquier entrada.
check-what-head = Cada segundo, más o menos, publicamos la huella superior, el número de entradas y el recuento, firmados con nuestra clave. No podemos mostrar después a una persona una historia distinta de la que vio otra sin que las firmas nos delaten.
check-what-receipt = Quien firma recibe un recibo. Con él puede demostrar que su firma está en el registro, aunque haya firmado de forma anónima.
check-now = El registro ahora
check-entries = Entradas
check-count = Recuento
check-root = Huella superior
check-signed-at = Firmado el
check-key = Clave
check-yourself = Compruébalo tú
check-command = Con el programa libre <code>undersigned</code>, una sola orden lo descarga todo, recalcula cada huella y el recuento, y comprueba la firma:
check-again = Vuelve a ejecutarla más tarde con la misma carpeta <code>--state</code>: comprueba que el registro solo ha crecido desde entonces. Añade <code>--receipt receipt.json</code> para demostrar que tu propia firma está en él.
check-data = O descarga los datos y compruébalos a tu manera (el formato exacto está en la documentación del servicio):
check-data-head = La cabecera firmada
check-data-entries = Las primeras { $count } entradas
check-data-key = La clave

## Dejar de recibir novedades, y sumarse como voluntariado.

unsubscribe-title = Dejar de recibir novedades
unsubscribe-heading = Dejar de recibir novedades de esta carta
unsubscribe-already = Ya no recibes novedades sobre <a href="{ $url }">{ $title }</a>. Tu firma sigue contando.
unsubscribe-why = Recibes correos de quienes organizan <a href="{ $url }">{ $title }</a> porque la firmaste y aceptaste recibirlos. Pulsa el botón para dejar de recibirlos; tu firma sigue contando.
unsubscribed-title = Novedades desactivadas
unsubscribed-heading = No recibirás más novedades sobre esta carta
unsubscribed-about = Quienes organizan <a href="{ $url }">{ $title }</a> no volverán a escribirte. Tu firma sigue contando; sus novedades siguen en la página de la carta.
organise-check-email-sent = Te hemos enviado un correo sobre organizarte con <a href="{ $url }">{ $title }</a>.
    Abre el enlace que contiene y pulsa el botón para confirmar.
organise-check-email-hours = El enlace funciona durante { $hours } horas. ¿No ha llegado nada? Mira en la carpeta de correo no deseado, o vuelve a apuntarte con la misma dirección para recibir un enlace nuevo.
volunteer-confirm-title = Confirma que quieres organizarte
volunteer-confirm-about = Vas a confirmar que quieres organizarte con <a href="{ $url }">{ $title }</a>. Quienes organizan verán tu nombre, tu dirección y lo que escribiste.
volunteer-confirm-button = Confirmar
volunteer-welcome-title = Te damos la bienvenida
volunteer-welcome-heading = Te damos la bienvenida a { $title }
volunteer-welcome-about = Tu participación como voluntaria o voluntario está confirmada. Te hemos enviado por correo lo que prepararon quienes organizan (materiales, horarios de reuniones), y se pondrán en contacto contigo.
volunteer-back = Volver a la campaña

## «Apúntate para empezar a organizar».

organise-heading = Apúntate para empezar a organizar
organise-intro = Conoce a otras personas que se organizan con <a href="{ $url }">{ $title }</a>, y recibe materiales y apoyo para lanzar una campaña donde estudias o trabajas. Solo quienes organizan (y quienes coordinan tu campus o lugar de trabajo) ven lo que envíes aquí; no se publica nada.
organise-check-fields = Revisa los campos marcados abajo.
organise-name = Tu nombre
organise-email-note = (te enviamos un enlace para confirmar)
organise-place = Tu campus o lugar de trabajo
organise-not-listed = No está en la lista
organise-place-not-listed = ¿No está en la lista? Tu campus o lugar de trabajo
organise-help = ¿Qué te gustaría hacer?
organise-message = Un mensaje breve
organise-button = Apuntarme para organizar

## Fechas.

date-long = { $day } de { $month } de { $year }
date-time = { $date }, { $time } UTC
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

## La página de una campaña.

campaign-kind = Campaña
campaign-aimed-at = Dirigida a: { $targets }
campaign-count = { $count } firmas en { $letters ->
    [one] { $letters } carta
   *[other] { $letters } cartas
}
campaign-fronts = Firma la carta que te corresponde
campaign-find-group = Encuentra tu campus o lugar de trabajo
campaign-group-search = Campus, empresa o dominio de correo
campaign-groups-more = Coinciden { $count }; busca para acotarlos.
campaign-no-group = Nada coincide. Firma arriba la carta que te corresponde y propón el tuyo.
campaign-no-group-query = Nada coincide con «{ $q }». Firma arriba la carta que te corresponde y propón el tuyo.
campaign-story = La historia de la campaña
campaign-wins = Logros
campaign-update-on = en <a href="{ $url }">{ $title }</a>
campaign-chart-alt = Un gráfico de las { $count } firmas de la campaña según cuándo se confirmaron.
campaign-chart-caption = Todas las cartas de la campaña juntas, contadas por la hora (o el día) en que se confirmó cada firma.
organise-with = Organízate con { $title }
audience-academics = Académicos
audience-musicians = Músicos
audience-lawyers = Abogados
audience-tech-workers = Trabajadores tecnológicos
audience-students = Estudiantes
audience-other = Otros
share-text = He firmado «{ $title }». Añade tu nombre:
share-email = Correo

## El widget que otros sitios insertan.

embed-count-goal = { $count } firmas de { $goal }
embed-progress = { $progress } % del objetivo
embed-sign = Firma esta carta
embed-closed = Esta carta está cerrada.

## Grupos propuestos.

proposals-none = No hay grupos pendientes.
proposals-on = En <a href="{ $url }">{ $title }</a>
proposals-proposed = propuesto el { $at } · { $confirmed } confirmadas, { $pending } aún no
proposals-name = Nombre
proposals-domains = Dominios de correo que verifican a sus miembros
proposals-domains-note = (opcional, separados por espacios, p. ej. ucsc.edu)
proposals-accept = Aceptar
proposals-reason = Motivo del rechazo
proposals-reason-note = (opcional; sus firmas siguen en la carta)
proposals-reject = Rechazar

## Cuentas.

account-check-email = Te hemos enviado un mensaje a { $email }. Abre el enlace que contiene para terminar.
account-confirm-title = Confirma tu cuenta
account-confirm-button = Confirmar mi cuenta
account-confirmed = Tu cuenta está confirmada
account-confirmed-note = Ya puedes iniciar sesión.
account-reset-sent = Si esa dirección tiene una cuenta, le hemos enviado un enlace para elegir una contraseña nueva. El enlace sirve durante una hora.
account-password-changed = Tu contraseña ha cambiado
account-password-changed-note = Se cerraron todas las sesiones. Inicia sesión con tu contraseña nueva.
account-forgot-title = ¿Olvidaste tu contraseña?
account-email = Correo electrónico
account-password = Contraseña
account-password-new = Contraseña nueva (al menos 12 caracteres)
account-send-link = Envíame un enlace
account-register-title = Crea una cuenta de organizador
account-register-note = Quienes organizan redactan las cartas; un moderador las publica.
account-register-button = Crear la cuenta
account-reset-title = Elige una contraseña nueva
account-reset-button = Guardar la contraseña
password-too-short = Usa al menos { $n } caracteres.
password-too-long = Usa como máximo { $n } caracteres.
password-repeated = No repitas un solo carácter.
error-bad-credentials = Ese correo y esa contraseña no corresponden a ninguna cuenta.
error-unauthorized = Tienes que iniciar sesión.
error-rate-limited = Demasiados intentos; vuelve a probar dentro de { $n } segundos.
error-unavailable = El servicio no está disponible; vuelve a probar en un momento.
error-campaign-closed = Esta campaña está cerrada y ya no admite voluntarios.

## Equipos.

invitation-title = Únete a un equipo
invitation-heading = Únete al equipo de «{ $title }»
invitation-role = Te invitan al equipo de esta { $what ->
    [campaign] campaña
   *[letter] carta
} como { $role ->
    [owner] propietario: todo, el equipo incluido.
    [editor] editor: redacción, envío a revisión, novedades, entrega, cronología y grupos.
    [lead] responsable: las cifras del grupo, su lista y sus voluntarios.
   *[viewer] observador: las cifras, las listas y las exportaciones.
}
invitation-join-as = Unirme como { $email }
invitation-log-in = <a href="/login">Inicia sesión</a> o <a href="/register">crea una cuenta</a> y vuelve a abrir el enlace del correo.

## Moderación.

mod-audit = Registro de auditoría
mod-when = Cuándo
mod-who = Quién
mod-what = Qué
mod-on = Sobre
mod-why = Por qué
mod-blocks = Bloqueos
mod-blocks-heading = Direcciones y dominios bloqueados
mod-blocks-intro = Las firmas de una dirección o un dominio bloqueados (y sus subdominios) reciben la respuesta de siempre y no se guardan.
mod-blocks-target = Dirección de correo o dominio
mod-reason = Motivo
mod-block = Bloquear
mod-kind = Tipo
mod-value = Valor
mod-block-email = dirección
mod-block-domain = dominio
mod-groups = Grupos propuestos
mod-groups-intro = Quienes firman propusieron estos grupos. Aceptar uno lo muestra en su carta con las firmas que ya tiene (las de los dominios que indiques se marcan como verificadas); rechazarlo deja las firmas en la carta sin grupo.
mod-mail = Correo no entregado
mod-mail-waiting = { $n ->
    [one] { $count } mensaje pendiente de envío.
   *[other] { $count } mensajes pendientes de envío.
}
mod-mail-oldest = El más antiguo entró en la cola hace { $secs } s.
mod-mail-failed = { $count } abandonados: rechazados definitivamente por el servidor de destino o fallidos tras todos los reintentos. Se guardan { $days } días y luego se borran.
mod-mail-none = Todos los mensajes se han entregado o se siguen intentando.
mod-queued = En cola
mod-to = Para
mod-attempts = Intentos
mod-last-error = Último error
mod-padding = Relleno
mod-padding-heading = ¿Está inflada esta lista?
mod-padding-intro = Las firmas contadas o pendientes de aprobación, vistas de tres maneras. Nada de esto prueba un relleno; muestra dónde mirar.
mod-padding-invalidated = { $n ->
    [one] { $count } firma retirada del recuento.
   *[other] { $count } firmas retiradas del recuento.
}
mod-padding-bursts = Firmas por dominio de correo y por hora
mod-padding-no-signatures = Todavía no hay firmas.
mod-padding-bursts-caption = Las horas con más firmas (UTC), por dominio
mod-domain = Dominio
mod-hour = Hora (UTC)
mod-signatures = Firmas
mod-padding-disposable-mark = (desechable)
mod-padding-disposable = Dominios de correo desechable
mod-padding-no-disposable = Ninguna firma viene de un dominio de la lista de correo desechable.
mod-padding-disposable-caption = Dominios de la lista de correo desechable
mod-padding-names = Nombres repetidos o escritos de varias maneras
mod-padding-no-names = Ningún nombre aparece dos veces, ni siquiera con pequeños cambios.
mod-padding-names-caption = Nombres que solo difieren en mayúsculas, tildes, orden, puntuación o una letra
mod-padding-spellings = Grafías
mod-padding-invalidate = Invalidar firmas en bloque
mod-padding-invalidate-intro = Retira del recuento todas las firmas del dominio (y sus subdominios) hechas en ese intervalo. Quienes firmaron no reciben correo; el registro de firmas anota cada retirada como <code>invalidated</code> y el registro de auditoría guarda tu motivo.
mod-padding-domain = Dominio de correo
mod-padding-from = Desde (UTC)
mod-padding-until = Hasta (UTC, sin incluir)
mod-padding-reason = Motivo (para el registro de auditoría)
mod-padding-invalidate-button = Invalidar
mod-queue-waiting = { $count } firmas pendientes de aprobación
mod-queue-proposed = { $count } grupos propuestos
mod-queue-reasons = { $n ->
    [one] { $count } motivo por revisar
   *[other] { $count } motivos por revisar
}
mod-queue-undelivered = { $n ->
    [one] { $count } correo no entregado
   *[other] { $count } correos no entregados
}
mod-letters-in-review = Cartas en revisión
mod-nothing = Nada que revisar.
mod-campaigns-in-review = Campañas en revisión
mod-publish-campaign = Publicar la campaña
mod-reject-reason = Motivo del rechazo (lo verá quien organiza)
mod-updates-in-review = Novedades en revisión
mod-publish-update = Publicar y enviar a quienes firmaron
mod-reasons = Motivos
mod-reasons-heading = Por qué firmaron: motivos por revisar
mod-reasons-intro = Un motivo aprobado aparece en la página de su carta, atribuido como la lista muestra a quien firmó (el nombre de una firma anónima nunca aparece).
mod-reasons-none = No hay motivos pendientes.
mod-select-all = Seleccionar todo
mod-select = Seleccionar
mod-letter = Carta
mod-reason-column = Motivo
mod-signer = Firmante
mod-select-reason = Seleccionar el motivo de la firma { $id }
mod-anonymous-mark = (anónima)
mod-with-selected = Con lo seleccionado
mod-approve = Aprobar
mod-apply = Aplicar
mod-review = Revisión: { $title }
mod-status-label = Estado
mod-groups-list = Grupos
mod-paper = Firmas en papel
paper-batch = { $count } el { $on } en { $place }
mod-paper-reason = Motivo para retirarlas
mod-paper-remove = Retirar del recuento
mod-publish = Publicar
mod-letter-slug = Carta (identificador)
mod-filter = Filtrar
mod-signatures-none = No hay firmas aquí.
mod-title-affiliation = Cargo, afiliación
mod-signed = Firmada
mod-select-signature = Seleccionar la firma { $id }
mod-yes = sí
mod-no = no
mod-hide = Ocultar
mod-decision-reason = Motivo (necesario para rechazar u ocultar)
sig-status-awaiting-approval = pendiente de aprobación
sig-status-confirmed = confirmada
sig-status-unconfirmed = sin confirmar
sig-status-hidden = oculta
sig-status-rejected = rechazada
sig-status-withdrawn = retirada
letter-status-draft = un borrador
letter-status-in-review = en revisión
letter-status-published = publicada
letter-status-rejected = rechazada
letter-status-closed = cerrada

## Las páginas de quienes organizan.

org-your-letters = Tus cartas
org-draft-letter = Redactar una carta nueva
org-start-campaign = Empezar una campaña
org-groups-you-lead = Grupos que coordinas
org-your-campaigns = Tus campañas
org-volunteer-count = { $n ->
    [one] { $count } voluntario
   *[other] { $count } voluntarios
}
org-no-letters = Todavía no tienes cartas.
org-today = Hoy
org-awaiting-approval = Pendientes de aprobación
org-rejected = Rechazada: { $reason }
org-chart-alt = Firmas a lo largo del tiempo de { $title }: { $count } en total, { $today } hoy.
org-log-out-everywhere = Cerrar sesión en todas partes
org-letter-counts = { $count } firmas{ $verified ->
    [0] {""}
   *[other] {" "}({ $verifiedf } verificadas)
}{ $paper ->
    [0] {""}
   *[other] , { $paperf } de ellas en papel
}
org-public-page = Página pública
org-preview = Vista previa
org-export = Exportar las firmas (CSV)
org-delivery = Destinatarios y entrega
org-team = Equipo
org-by-language = Firmas en cada idioma
org-close = Cerrar esta carta
org-write-update = Escribir una novedad o anotar una respuesta
org-update = Novedad
org-recipients = Destinatarios
org-sent = Enviados
org-waiting = En espera
org-failed = Fallidos
update-status = { $status ->
    [published] publicada
    [rejected] rechazada
   *[in_review] en revisión
}
org-group = Grupo
org-signed = Firmas
org-verified = Verificadas
org-goal = Objetivo
org-edit = Editar
org-new-letter = Carta nueva
org-edit-title = Editar «{ $title }»
org-sent-back = Un moderador devolvió esta carta: { $reason }
org-preview-public = Vista previa tal como la verá el público
org-submit = Enviar a revisión
org-field-slug = Identificador
org-field-title = Título
org-field-summary = Resumen
org-field-body = Texto (Markdown)
org-field-category = Categoría
org-field-goal = Objetivo (número de firmas, opcional)
org-field-approval = Las firmas necesitan la aprobación de un moderador
org-field-proposals = Quienes firman pueden proponer un grupo que no está en la lista («empieza un compromiso en tu escuela»); aparece cuando tú o un moderador lo aceptáis
org-field-discreet = Discreta: para quienes firman contra su propio empleador. El correo de confirmación no nombra la carta, ni a sus destinatarios, ni al empleador, y cuando alguien confirma solo guardamos el dominio de su dirección (para la marca de verificada), nunca la dirección
org-field-groups = Grupos, uno por línea: <code>identificador | Nombre | dominios de correo | opciones</code>
org-field-groups-help = Los dominios de correo verifican la pertenencia: una firma confirmada desde <code>stanford.edu</code> o <code>cs.stanford.edu</code> se marca como «verificada». Opciones: <code>verified</code> para aceptar solo esas direcciones, <code>discreet</code> para que las firmas de ese grupo sean discretas (como hace la casilla de arriba para todas), y un número como objetivo del grupo, p. ej. <code>verified 500</code>.
org-save-draft = Guardar el borrador
org-field-story = La historia (Markdown)
org-field-targets = Objetivos, uno por línea («Palantir», «PETS Forum»)
org-field-help-options = Lo que puede ofrecer un voluntario, uno por línea («Empezar un compromiso en mi escuela»)
org-field-resources = Recursos para los voluntarios confirmados (Markdown: enlaces a materiales, horarios de reuniones)
org-optional = (opcional)
org-none = Ninguno
org-paper-count = Cuántas personas firmaron
org-paper-date = Recogidas el
org-paper-place = Dónde (un puesto, una charla)
org-paper-names = Nombres para la lista pública, uno por línea
org-paper-names-note = (opcional; solo quienes aceptaron aparecer)
org-paper-record = Anotar las firmas en papel
org-its-public-page = Su página pública
org-its-team = Su equipo
org-its-volunteers = Sus voluntarios
org-campaign-sent-back = Un moderador devolvió esta campaña: { $reason }
org-its-letters = Sus cartas
org-no-letter = Todavía no hay ninguna carta.
org-add-letter = Añadir una de tus cartas
org-add-it = Añadirla
org-campaign-new-letter = <a href="/organiser/letters/new">Redacta una carta nueva</a>; el campo <code>"campaign"</code> de la API la añade directamente.
org-for-volunteers = Para los voluntarios
org-save = Guardar
org-timeline = Cronología de logros
org-win-date = Día
org-win-title = Qué pasó
org-win-body = Unas palabras (opcional)
org-win-link = Enlace (opcional)
org-win-post = Publicar el logro
org-new-campaign = Campaña nueva
org-campaign-intro = Una campaña reúne cartas dirigidas a los mismos objetivos (un compromiso estudiantil, una carta de académicos, una de trabajadores) en una sola página con su recuento conjunto y una cronología de logros. Un moderador la revisa antes de que sea pública.
org-deliver-title = Entregar: { $title }
org-deliver-heading = Entregar la carta
org-deliver-intro = Sobre <a href="{ $url }">{ $title }</a>. Indica a quién va dirigida la carta; la página muestra sus nombres y organizaciones, nunca sus direcciones. Al entregarla, cada destinatario recibe la carta con sus recuentos y un enlace a ella en PDF, y la página dice cuándo se entregó y con cuántas firmas.
org-recipients-format = Uno por línea: nombre | organización | dirección de correo
org-recipients-example = Por ejemplo: Comité del programa | PETS Forum | chairs@pets.example
org-recipients-save = Guardar los destinatarios
org-deliver-preview = Lo que recibe cada destinatario
org-subject = Asunto
org-deliver-now = Entregar la carta ahora
org-deliver-once-published = Una carta se entrega una vez publicada.
org-deliveries = Entregas
org-not-delivered = Todavía no se ha entregado.
org-group-public-page = la página pública del grupo
org-nobody-yet = Nadie todavía.
org-group-first = Las primeras { $count }; el resto en <a href="{ $url }">la página pública</a>.
org-group-proposals = Propuestas que nombran { $name }
org-group-proposals-intro = Quienes firmaron las otras cartas de la campaña propusieron este campus o lugar de trabajo: acéptalo y aparecerá en esa carta, con sus firmas.
org-group-paper-intro = Recogidas para { $name } en un puesto o una charla: cuentan para el grupo y la carta, se muestran aparte y nunca se verifican.
org-volunteers = Voluntarios
org-group-no-volunteers = Nadie de este grupo se ha apuntado todavía para organizar.
org-group-all-volunteers = <a href="{ $url }">Todos los voluntarios que puedes ver</a> (y su CSV).
org-name-lead = Nombrar a un responsable
org-name-lead-intro = Un responsable ve esta página solo para este grupo: sus cifras, su lista y sus voluntarios.
org-their-email = Su dirección de correo
org-send-invitation = Enviar la invitación
org-preview-note = así verá el público la carta.
org-team-of = Equipo de «{ $title }»
org-team-back = { $what ->
    [campaign] Volver a la campaña
   *[letter] Volver a la carta
}
org-team-in-campaign = Esta carta forma parte de una campaña: el equipo de la campaña también la lleva.
org-role = Función
org-change = Cambiar
org-remove = Quitar
org-leave = Salir
org-role-name = { $role ->
    [owner] propietario
    [editor] editor
    [lead] responsable
   *[viewer] observador
}
org-member = miembro
org-invited = invitado
org-role-of = Función de { $email }
org-invite = Invitar a alguien
org-email-address = Dirección de correo
org-role-editor = editor: redacta, envía a revisión, publica novedades, entrega
org-role-viewer = observador: cifras, listas y exportaciones
org-role-owner = propietario: todo, el equipo incluido
org-update-new = Novedad nueva: { $title }
org-update-heading = Escribir una novedad
org-update-intro = Sobre <a href="{ $url }">{ $title }</a>. Un moderador la revisa; una vez publicada aparece en la página de la carta y se envía una vez a quienes firmaron y aceptaron recibir noticias vuestras. Como mucho una novedad al día.
org-update-what = ¿Qué es?
org-update-kind-update = Una novedad de quienes organizan
org-update-kind-response = Una respuesta de un destinatario de la carta
org-update-from = Quién respondió (para una respuesta)
org-update-text = Texto (Markdown)
org-update-send = Enviar a revisión
org-volunteers-of = De <a href="{ $url }">{ $title }</a>. Confirmados por correo; nunca públicos.
org-volunteers-of-groups = De <a href="{ $url }">{ $title }</a>: quienes nombraron los grupos que coordinas. Confirmados por correo; nunca públicos.
org-download-csv = Descargar en CSV
org-volunteers-caption = Voluntarios confirmados, los más recientes primero
org-wants-to = Quiere
org-message = Mensaje
org-confirmed = Confirmado
org-not-listed = (no está en la lista)

## Correo a cuentas, equipos, voluntarios, firmantes de novedades y destinatarios.

mail-already-subject = Ya has firmado «{ $title }»
mail-account-confirm-subject = Confirma tu cuenta de Undersigned
mail-account-exists-subject = Ya tienes una cuenta de Undersigned
mail-reset-subject = Restablece tu contraseña de Undersigned
mail-response-subject = Respuesta de { $from }: «{ $title }»
mail-update-subject = { $update } · «{ $title }»
mail-delivery-subject = Carta abierta: «{ $title }», con { $count } firmas
mail-invitation-subject = Únete al equipo de la { $what ->
    [campaign] campaña
   *[letter] carta
} «{ $title }»
mail-volunteer-confirm-subject = Confirma que quieres organizarte con «{ $title }»
mail-volunteer-welcome-subject = Te damos la bienvenida a «{ $title }»
mail-account-footer-why = Recibes este correo porque alguien escribió { $email } en Undersigned. Si no fuiste tú, ignóralo.
mail-account-exists = Alguien (probablemente tú) intentó crear una cuenta de Undersigned con esta dirección, que ya tiene una. No ha cambiado nada.
mail-account-exists-reset = Si olvidaste tu contraseña, puedes restablecerla aquí:
mail-account-exists-reset-html = Si olvidaste tu contraseña, <a href="{ $url }">restablécela aquí</a>.
mail-account-confirm = Para terminar de crear tu cuenta de organizador en Undersigned, abre este enlace y pulsa el botón (sirve durante { $hours } horas):
mail-account-confirm-html = Para terminar de crear tu cuenta de organizador en Undersigned, <a href="{ $url }">confirma tu dirección</a> (el enlace sirve durante { $hours } horas).
mail-reset = Para elegir una contraseña nueva para tu cuenta de Undersigned, abre este enlace (sirve durante { $n ->
    [one] { $count } hora
   *[other] { $count } horas
}):
mail-reset-html = Para elegir una contraseña nueva para tu cuenta de Undersigned, <a href="{ $url }">abre este enlace</a> (sirve durante { $n ->
    [one] { $count } hora
   *[other] { $count } horas
}).
mail-reset-note = Al elegir una contraseña nueva se cierran todas tus sesiones. Si no lo pediste, ignora este correo: tu contraseña no cambia.
mail-update-response = { $from } ha respondido a «{ $title }», la carta que firmaste.
mail-update-response-html = <strong>{ $from }</strong> ha respondido a <a href="{ $url }">{ $title }</a>, la carta que firmaste.
mail-update-posted = Quienes organizan «{ $title }», la carta que firmaste, han publicado una novedad.
mail-update-posted-html = Quienes organizan <a href="{ $url }">{ $title }</a>, la carta que firmaste, han publicado una novedad.
mail-update-read-it = Léela en la página de la carta:
mail-update-footer-why = Recibes este correo porque firmaste «{ $title }» y aceptaste recibir noticias de quienes la organizan.
mail-update-stop = Para dejar de recibir estos correos sobre esta carta, abre este enlace y pulsa el botón:
mail-update-stop-link = Dejar de recibir estos correos sobre esta carta
mail-to = Para: { $to }
mail-delivery-count = { $count } personas han firmado esta carta abierta dirigida a usted. Se le entrega el { $on }.
mail-delivery-count-verified = { $count } personas han firmado esta carta abierta dirigida a usted, { $verified } de ellas desde direcciones verificadas de su institución. Se le entrega el { $on }.
mail-delivery-count-html = <strong>{ $count }</strong> personas han firmado esta carta abierta dirigida a usted. Se le entrega el { $on }.
mail-delivery-count-verified-html = <strong>{ $count }</strong> personas han firmado esta carta abierta dirigida a usted, <strong>{ $verified }</strong> de ellas desde direcciones verificadas de su institución. Se le entrega el { $on }.
mail-delivery-groups = Firmas por grupo
mail-delivery-pdf = La carta con todas las firmas públicas, en PDF:
mail-delivery-page = La página de la carta, con la lista a medida que crece:
mail-delivery-page-link = La página de la carta
mail-delivery-footer-why = Recibe este correo porque quienes organizan esta carta abierta le nombraron como uno de sus destinatarios.
mail-invitation = { $who } te invita a unirte al equipo de la { $what ->
    [campaign] campaña
   *[letter] carta
} «{ $title }» en Undersigned, como { $role ->
    [owner] propietario (todo, el equipo incluido).
    [editor] editor (redacción, novedades, entrega).
    [lead] responsable (las cifras del grupo, su lista y sus voluntarios).
   *[viewer] observador (las cifras, las listas y las exportaciones).
}
mail-invitation-html = { $who } te invita a unirte al equipo de la { $what ->
    [campaign] campaña
   *[letter] carta
} <a href="{ $url }">«{ $title }»</a> en Undersigned, como { $role ->
    [owner] propietario (todo, el equipo incluido).
    [editor] editor (redacción, novedades, entrega).
    [lead] responsable (las cifras del grupo, su lista y sus voluntarios).
   *[viewer] observador (las cifras, las listas y las exportaciones).
}
mail-invitation-accept = Para aceptar, abre este enlace e inicia sesión (o crea una cuenta):
mail-invitation-accept-html = Para aceptar, <a href="{ $url }">abre este enlace</a> e inicia sesión (o crea una cuenta).
mail-invitation-what = { $what ->
    [campaign] La campaña:
   *[letter] La carta:
}
mail-invitation-ignore = Si no quieres unirte, ignora este correo.
mail-volunteer-thanks = Gracias por apuntarte para organizar con «{ $title }».
mail-volunteer-thanks-html = Gracias por apuntarte para organizar con <strong>{ $title }</strong>.
mail-volunteer-confirm = Confírmalo abriendo este enlace y pulsando el botón (sirve durante { $hours } horas):
mail-volunteer-confirm-html = <a href="{ $url }">Confírmalo</a> abriendo este enlace y pulsando el botón (sirve durante { $hours } horas).
mail-volunteer-who-sees = Solo quienes organizan la campaña (y, si nombraste tu campus o lugar de trabajo, sus responsables) verán tu nombre, tu dirección y tu mensaje. No se publica nada.
mail-volunteer-footer-why = Recibes este correo porque alguien se apuntó para organizar con esta dirección. Si no fuiste tú, ignóralo: no pasa nada sin confirmación.
mail-volunteer-welcome = Te damos la bienvenida a «{ $title }»: estás confirmado como voluntario y quienes organizan se pondrán en contacto contigo.
mail-volunteer-welcome-html = Te damos la bienvenida a <a href="{ $url }">{ $title }</a>: estás confirmado como voluntario y quienes organizan se pondrán en contacto contigo.
mail-volunteer-resources = Lo que quienes organizan han preparado para ti
mail-volunteer-campaign = La campaña:
mail-volunteer-welcome-footer-why = Recibes este correo porque confirmaste que quieres organizarte con esta campaña.
error-volunteer-group = Elige uno de los grupos de la lista, o escribe tu campus o lugar de trabajo.
error-volunteer-help = Elige entre las opciones que ofrece esta campaña.

## Los errores de los formularios.

error-required = Es obligatorio.
error-control-chars = Quita los caracteres de control.
error-reason-required = Da un motivo; lo verá quien organiza o el registro.
error-role = Elige propietario, editor u observador.
error-paper-count = Indica el número de firmas recogidas, de 1 a { $max }.
error-future-day = Ese día todavía no ha llegado.
error-paper-day = Indica el día en que se recogieron, como AAAA-MM-DD.
error-paper-names = Escribe como mucho tantos nombres como firmas (y como mucho { $max }).
error-list-most = Escribe como mucho { $max }.
error-listed-twice = Está repetido.
error-win-future = Un logro se publica cuando ya ha ocurrido.
error-day-format = Indica el día, como 2026-11-30.
error-https-link = Indica una dirección web que empiece por https://.
error-no-campaign = Ninguna campaña tuya tiene este identificador; créala primero o pídeselo a su equipo.
error-recipients-most = Una carta nombra como mucho { $max } destinatarios.
error-recipient-twice = Dos destinatarios tienen esta dirección.
error-goal-range = Un objetivo va de 1 a { $max }.
error-category = Elige academics, musicians, lawyers, tech_workers, students u other.
error-language-tag = Indica una etiqueta de idioma, como en, es o pt-BR.
error-own-language = Es el idioma propio de la carta.
error-groups-most = Una carta tiene como mucho { $max } grupos.
error-verified-needs-domain = Exigir una dirección verificada necesita al menos un dominio.
error-group-slug-twice = Dos grupos tienen este identificador.
error-status-unknown = Estado desconocido.
error-domain = Escribe un dominio como example.com.
error-block-target = Indica una dirección de correo o un dominio.
error-time-required = Indica una hora (UTC).
error-time-format = Indica una hora como 2026-12-04T15:00Z.
error-time-order = El final debe ir después del inicio.
error-update-kind = Elige novedad o respuesta.
error-title = { $status ->
    [400] Solicitud incorrecta
    [401] Inicia sesión primero
    [403] No permitido
    [404] No encontrado
    [409] Conflicto
    [410] Ya no existe
    [422] No válido
    [429] Demasiadas solicitudes
    [503] No disponible
   *[other] Algo ha fallado
}
org-field-groups-placeholder = ucm | Universidad Complutense | ucm.es
error-slug = Usa de 2 a 80 letras minúsculas, cifras y guiones sueltos, como mi-carta.
error-not-a-domain = «{ $domain }» no es un dominio como example.edu.
mod-translation = Traducción ({ $language })
pdf-page = { $url } · página { $page } de { $pages }
pdf-counts = { $n ->
    [one] { $count } firma a { $at }
   *[other] { $count } firmas a { $at }
}

## El gráfico de firmas a lo largo del tiempo.

chart-title = Firmas a lo largo del tiempo: { $title }
chart-total = { $count } en total · por { $bucket ->
    [hour] hora
   *[day] día
}
chart-none = Todavía no hay firmas confirmadas
chart-goal = objetivo: { $count }
chart-description = { $n ->
    [one] { $count } firma en total
   *[other] { $count } firmas en total
}, contadas por { $bucket ->
    [hour] la hora
   *[day] el día
} en que se confirmaron.
chart-first = La primera se confirmó el { $date }.
chart-milestone = { $count } alcanzadas el { $date } a las { $time } UTC.
chart-goal-reached = { $count } (el objetivo) alcanzadas el { $date } a las { $time } UTC.
badge-label = firmas
share-signed = firmas
share-signed-of = firmas de { $goal }
feed-letters-title = Undersigned: cartas abiertas nuevas
mod-mail-undeliverable = { $n ->
    [one] { $count } dirección fue rechazada definitivamente por su servidor: ya no recibe novedades.
   *[other] { $count } direcciones fueron rechazadas definitivamente por sus servidores: ya no reciben novedades.
}

## La página de la API.
api-title = La API
api-about = Los scripts y las integraciones leen y firman cartas con una API JSON bajo /api/v1. Esta página se lee de su descripción, un <a href="{ $url }">documento OpenAPI 3.1</a> que cualquier herramienta OpenAPI puede cargar.
api-token-about = Las llamadas públicas no necesitan nada. Quienes organizan y moderan entran con POST /api/v1/session y envían el token que da como Authorization: Bearer y el token. Cada error es un ApiError: un mensaje en inglés y un código para traducir.
api-contents = Contenido
api-schemas = Esquemas
api-tag = { $tag ->
    [letters] Cartas
    [signing] Firmar
    [session] Entrar
    [organisers] Organización
    [moderation] Moderación
    [updates] Novedades
    [campaigns] Campañas
    [teams] Equipos
    [log] El registro de firmas
    [webhooks] Webhooks
   *[other] Otras llamadas
}
api-token = { $token ->
    [required] Necesita un token.
    [optional] Con un token, su equipo ve más.
   *[none] No necesita token.
}
api-parameters = Parámetros
api-name = Nombre
api-in = En
api-place = { $place ->
    [path] la ruta
    [query] la consulta
   *[other] { $place }
}
api-meaning = Significado
api-required = obligatorio
api-optional = opcional
api-body = Cuerpo:
api-answers = Respuestas
api-status = Estado
api-schema = Esquema

## Webhooks.
mail-webhook-disabled-subject = Se desactivó un webhook de la { $what ->
    [campaign] campaña
   *[letter] carta
} «{ $title }»
mail-webhook-disabled = Un webhook de la { $what ->
    [campaign] campaña
   *[letter] carta
} «{ $title }» ha fallado en cada envío desde el { $since }, así que se desactivó y ya no se le envían eventos:
mail-webhook-disabled-html = Un webhook de la { $what ->
    [campaign] campaña
   *[letter] carta
} <a href="{ $url }">«{ $title }»</a> ha fallado en cada envío desde el { $since }, así que se desactivó y ya no se le envían eventos:
mail-webhook-answered = Su última respuesta fue el código HTTP { $code }.
mail-webhook-no-answer = No respondió (sin conexión, o sin respuesta a tiempo).
mail-webhook-again = Cuando el receptor vuelva a funcionar, registra de nuevo el endpoint (su equipo ve el estado de cada envío):
mail-webhook-again-html = Cuando el receptor vuelva a funcionar, <a href="{ $url }">registra de nuevo el endpoint</a> (su equipo ve el estado de cada envío).
mail-webhook-footer-why = Recibes este correo en { $email } porque eres responsable de esta { $what ->
    [campaign] campaña
   *[letter] carta
} en Undersigned.
